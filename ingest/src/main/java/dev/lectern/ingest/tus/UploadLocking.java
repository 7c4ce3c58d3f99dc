package dev.lectern.ingest.tus;

import dev.lectern.infra.http.ApiException;
import dev.lectern.ingest.IngestProblem;
import io.vertx.core.Future;
import java.util.UUID;
import java.util.function.Function;

/** Runs an action on an upload while holding its cross-process lock, or answers that it is busy. */
final class UploadLocking {
    private final UploadStore uploads;

    UploadLocking(UploadStore uploads) {
        this.uploads = uploads;
    }

    /** Runs {@code action} on the upload as read after the lock was taken, then releases it. */
    <T> Future<T> withLock(UUID id, Function<Upload, Future<T>> action) {
        return uploads.tryLock(id)
                .compose(
                        lock -> {
                            if (lock.isEmpty()) {
                                return Future.failedFuture(
                                        new ApiException(
                                                IngestProblem.UPLOAD_LOCKED,
                                                "Another request is writing to this upload."));
                            }
                            return uploads.find(id)
                                    .compose(fresh -> action.apply(fresh.orElseThrow()))
                                    .eventually(() -> lock.get().release());
                        });
    }
}
