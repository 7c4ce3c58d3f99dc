package dev.lectern.infra.jobs;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.util.function.Supplier;

/**
 * Runs a job handler's work as plain sequential code. The body runs on a virtual thread, where
 * {@code future.await()} parks that thread (never an event loop) until the future completes, then
 * returns its result or throws its failure: the steps read top to bottom, with try/finally for
 * clean-up. Other events of the body's context (timers, answers it waits for) run while it is
 * parked.
 *
 * <p>Streaming steps go back to the event loop the job was started on with {@link #onEventLoop}:
 * started from the virtual thread, a download would hand each of its chunks to a virtual thread
 * of their own.
 *
 * <p>Each run gets a virtual-thread context of its own, not a deployment: a verticle deployed
 * from the worker's context would be the worker's child, and Vert.x undeploys children before
 * their parent's stop, so shutdown would end running jobs before the worker's grace period.
 */
public final class SequentialJob {

    /** A job's work, which may await futures and throw. */
    @FunctionalInterface
    public interface Body {
        void run(SequentialJob job) throws Exception;
    }

    private final Context eventLoop;

    private SequentialJob(Context eventLoop) {
        this.eventLoop = eventLoop;
    }

    /**
     * Runs {@code body} on a virtual thread; the future completes when it returns, or fails with
     * what it threw. Call it on an event loop, as {@link JobHandler#run} is called: that is where
     * {@link #onEventLoop} steps run.
     */
    public static Future<Void> run(Vertx vertx, Body body) {
        SequentialJob job = new SequentialJob(vertx.getOrCreateContext());
        Promise<Void> done = Promise.promise();
        ((VertxInternal) vertx)
                .createVirtualThreadContext()
                .runOnContext(
                        v -> {
                            try {
                                body.run(job);
                                done.complete();
                            } catch (Throwable e) {
                                // Errors too: a job whose future never completes keeps its lease
                                // renewed for ever.
                                done.fail(e);
                            }
                        });
        return done.future();
    }

    /**
     * Starts {@code step} on the event loop the job was started on; await the answer to wait for
     * it. Events of what the step starts (a response's chunks, a timer) come on that event loop.
     */
    public <T> Future<T> onEventLoop(Supplier<Future<T>> step) {
        Promise<T> result = Promise.promise();
        eventLoop.runOnContext(
                v -> {
                    try {
                        step.get().onComplete(result);
                    } catch (RuntimeException e) {
                        result.fail(e);
                    }
                });
        return result.future();
    }
}
