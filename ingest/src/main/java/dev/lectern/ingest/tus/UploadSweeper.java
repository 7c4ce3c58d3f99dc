package dev.lectern.ingest.tus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Periodically disposes of uploads whose expiry passed, and aborts multipart uploads nobody owns.
 * Every API process runs one; the upload lock keeps two sweepers (or a sweeper and a late PATCH)
 * from acting on the same upload.
 */
public final class UploadSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(UploadSweeper.class);

    private final Vertx vertx;
    private final UploadStore uploads;
    private final UploadDisposal disposal;
    private final UnownedMultipartSweep unowned;
    private long timer = -1;

    UploadSweeper(
            Vertx vertx,
            UploadStore uploads,
            UploadDisposal disposal,
            UnownedMultipartSweep unowned) {
        this.vertx = vertx;
        this.uploads = uploads;
        this.disposal = disposal;
        this.unowned = unowned;
    }

    public void start(Duration interval) {
        timer =
                vertx.setPeriodic(
                        interval.toMillis(),
                        id ->
                                sweep().onComplete(
                                                done ->
                                                        unowned.sweep(Instant.now())
                                                                .onFailure(
                                                                        e ->
                                                                                LOG.warn(
                                                                                        "multipart sweep failed: {}",
                                                                                        e
                                                                                                .getMessage()))));
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Disposes of every expired upload not currently locked; returns how many. */
    public Future<Integer> sweep() {
        return uploads.expired()
                .compose(
                        expired -> {
                            Future<Integer> count = Future.succeededFuture(0);
                            for (Upload upload : expired) {
                                count =
                                        count.compose(
                                                n ->
                                                        sweepOne(upload)
                                                                .map(done -> done ? n + 1 : n));
                            }
                            return count;
                        })
                .onFailure(e -> LOG.warn("upload sweep failed: {}", e.getMessage()));
    }

    private Future<Boolean> sweepOne(Upload candidate) {
        return uploads.tryLock(candidate.id())
                .compose(
                        lock ->
                                lock.isEmpty()
                                        ? Future.succeededFuture(false)
                                        : disposeIfExpired(candidate.id())
                                                .eventually(() -> lock.get().release()));
    }

    /** Disposes of the upload if it is still expired as read under its lock. */
    private Future<Boolean> disposeIfExpired(UUID id) {
        return uploads.find(id)
                .compose(
                        fresh -> {
                            Optional<Upload> still = fresh.filter(Upload::expired);
                            if (still.isEmpty()) {
                                return Future.succeededFuture(false);
                            }
                            LOG.info(
                                    "upload {} of lecture {} expired", id, still.get().lectureId());
                            return disposal.dispose(still.get(), "expired").map(true);
                        });
    }
}
