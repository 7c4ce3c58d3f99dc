package dev.lectern.infra.storage;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.streams.ReadStream;

/**
 * An S3 response's body as a {@link ReadStream} a caller may start reading whenever it likes.
 * Vert.x refuses handlers on a response that has already been received completely (a small
 * object arrives at once), so this registers them while the response is fresh and paused, and
 * relays to whatever the caller sets later; an end or failure that came first is remembered.
 */
final class ResponseBody implements ReadStream<Buffer> {
    private final HttpClientResponse response;
    private Handler<Buffer> dataHandler;
    private Handler<Void> endHandler;
    private Handler<Throwable> exceptionHandler;
    private boolean ended;
    private Throwable failure;

    /** Call on the response's context, before it can end: right when its headers arrive. */
    ResponseBody(HttpClientResponse response) {
        this.response = response;
        response.pause();
        response.handler(
                chunk -> {
                    if (dataHandler != null) {
                        dataHandler.handle(chunk);
                    }
                });
        response.endHandler(
                v -> {
                    ended = true;
                    if (endHandler != null) {
                        endHandler.handle(null);
                    }
                });
        response.exceptionHandler(
                error -> {
                    failure = error;
                    if (exceptionHandler != null) {
                        exceptionHandler.handle(error);
                    }
                });
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        dataHandler = handler;
        if (handler == null && !ended) {
            // The caller gave up on the body: drop the connection rather than read it all.
            response.request().reset();
        }
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> handler) {
        endHandler = handler;
        if (handler != null && ended && failure == null) {
            handler.handle(null);
        }
        return this;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        exceptionHandler = handler;
        if (handler != null && failure != null) {
            handler.handle(failure);
        }
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        response.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        response.resume();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        response.fetch(amount);
        return this;
    }
}
