package dev.lectern.app;

import io.vertx.core.Future;
import java.util.concurrent.ExecutionException;

/** Waits for a future from the main thread during start-up and shut-down (never on an event loop). */
final class Blocking {
    private Blocking() {}

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
