package dev.lectern.infra.storage;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Adapts the SDK's reactive-streams body to a Vert.x {@link ReadStream}, delivering every event on
 * one Vert.x context and asking the publisher for more only as the consumer takes it, so a slow
 * client throttles the S3 read instead of filling the heap.
 */
final class PublisherReadStream implements ReadStream<Buffer>, Subscriber<ByteBuffer> {
    private static final int PREFETCH = 4;

    private final Context context;
    private final ArrayDeque<Buffer> queue = new ArrayDeque<>();
    private Subscription subscription;
    private Handler<Buffer> dataHandler;
    private Handler<Throwable> exceptionHandler;
    private Handler<Void> endHandler;
    private long demand = Long.MAX_VALUE;
    private int requested;
    private boolean ended;
    private boolean emitting;
    private Throwable failure;
    private boolean finished;

    PublisherReadStream(Context context, Publisher<ByteBuffer> publisher) {
        this.context = context;
        publisher.subscribe(this);
    }

    @Override
    public void onSubscribe(Subscription s) {
        context.runOnContext(
                v -> {
                    subscription = s;
                    requestMore();
                });
    }

    @Override
    public void onNext(ByteBuffer bytes) {
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        context.runOnContext(
                v -> {
                    requested--;
                    queue.add(Buffer.buffer(copy));
                    drain();
                });
    }

    @Override
    public void onError(Throwable error) {
        context.runOnContext(
                v -> {
                    failure = error;
                    ended = true;
                    drain();
                });
    }

    @Override
    public void onComplete() {
        context.runOnContext(
                v -> {
                    ended = true;
                    drain();
                });
    }

    private void drain() {
        if (emitting) {
            return;
        }
        emitting = true;
        try {
            // Without a data handler yet, keep the bytes: the consumer may attach it after the
            // first chunks (or the whole of a small object) have already arrived.
            while (demand > 0 && !queue.isEmpty() && dataHandler != null) {
                if (demand != Long.MAX_VALUE) {
                    demand--;
                }
                Buffer next = queue.poll();
                if (dataHandler != null) {
                    dataHandler.handle(next);
                }
            }
            if (ended && queue.isEmpty()) {
                if (!finished
                        && (failure != null ? exceptionHandler != null : endHandler != null)) {
                    finish();
                }
                return;
            }
            requestMore();
        } finally {
            emitting = false;
        }
    }

    private void finish() {
        finished = true;
        Handler<Throwable> onError = exceptionHandler;
        Handler<Void> onEnd = endHandler;
        exceptionHandler = null;
        endHandler = null;
        if (failure != null) {
            if (onError != null) {
                onError.handle(failure);
            }
        } else if (onEnd != null) {
            onEnd.handle(null);
        }
    }

    private void requestMore() {
        if (subscription == null || ended || demand == 0) {
            return;
        }
        int wanted = PREFETCH - queue.size() - requested;
        if (wanted > 0) {
            requested += wanted;
            subscription.request(wanted);
        }
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        exceptionHandler = handler;
        context.runOnContext(v -> drain());
        return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        dataHandler = handler;
        if (handler == null && subscription != null && !ended) {
            subscription.cancel();
            ended = true;
        }
        context.runOnContext(v -> drain());
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        demand = 0;
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        return fetch(Long.MAX_VALUE);
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        if (amount > 0) {
            demand = demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
            context.runOnContext(v -> drain());
        }
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> handler) {
        endHandler = handler;
        context.runOnContext(v -> drain());
        return this;
    }
}
