package dev.lectern.ingest.importer;

import dev.lectern.infra.storage.MultipartStore;
import dev.lectern.infra.storage.MultipartStore.StoredPart;
import dev.lectern.infra.storage.ObjectStore;
import dev.lectern.ingest.IngestProblem;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientResponse;
import java.net.URI;
import java.util.List;

/**
 * Copies one remote file into one S3 object with the multipart API, streaming: bytes collect into
 * a single part-sized buffer and the download is paused while a full part is stored, so memory
 * stays at about two parts and nothing touches the disk ({@link ImportParts}). When the connection
 * drops, the copy asks for the rest with {@code Range} (and {@code If-Range}, so a file that
 * changed meanwhile is fetched whole again instead of being spliced). A later attempt (another
 * worker, after a crash) can go on from the parts already stored ({@link #resume}); only a final
 * failure aborts them. Everything happens on the event loop the copy was started on.
 */
final class ResumingCopy {
    static final int MAX_RESUMES = 5;

    /**
     * Told about every chunk and about the multipart upload's start: bytes so far, the total when
     * the server said it, and where a later attempt could go on (null before the first part).
     */
    interface Progress {
        void update(long received, Long total, Checkpoint checkpoint);
    }

    private final Vertx vertx;
    private final GuardedFetcher fetcher;
    private final long maxBytes;
    private final URI url;
    private final String authorization;
    private final Progress progress;
    private final Promise<Long> result = Promise.promise();
    private final RemoteFile remote = new RemoteFile();
    private final ImportParts target;
    private HttpClientResponse current;
    private long received;
    private int resumes;

    ResumingCopy(
            Vertx vertx,
            GuardedFetcher fetcher,
            MultipartStore parts,
            ObjectStore store,
            String key,
            long maxBytes,
            URI url,
            String authorization,
            Progress progress) {
        this.vertx = vertx;
        this.fetcher = fetcher;
        this.maxBytes = maxBytes;
        this.url = url;
        this.authorization = authorization;
        this.progress = progress;
        this.target = new ImportParts(parts, store, key, remote, this::reportProgress);
        result.future().onComplete(ended -> target.release());
    }

    /** Runs the copy; completes with the number of bytes stored. */
    Future<Long> run() {
        attempt();
        return result.future();
    }

    /**
     * Goes on from an earlier attempt's open upload: its parts count as received (see {@link
     * ImportParts#continueFrom}), and the rest is asked for with {@code Range}.
     */
    Future<Long> resume(Checkpoint checkpoint, List<StoredPart> earlier) {
        remote.validator(checkpoint.validator());
        received = target.continueFrom(checkpoint.uploadId(), earlier);
        return run();
    }

    /** How many times a dropped connection was resumed. */
    int resumes() {
        return resumes;
    }

    /** Stops the copy (a time limit, say): the multipart upload is aborted. */
    void abort(Throwable why) {
        fail(why);
    }

    private void attempt() {
        fetcher.get(url, remote.requestFrom(received), authorization)
                .onSuccess(this::consume)
                .onFailure(
                        e -> {
                            if (e instanceof ImportFailure f && !f.retryable()) {
                                fail(e);
                            } else {
                                dropped(e);
                            }
                        });
    }

    private void consume(HttpClientResponse response) {
        if (result.future().isComplete()) {
            GuardedFetcher.discard(response);
            return;
        }
        current = response;
        response.pause();
        if (response.statusCode() == 206) {
            if (!remote.resumesAt(response, received)) {
                GuardedFetcher.discard(response);
                fail(failure("The server resumed at the wrong offset.", true));
                return;
            }
            stream(response);
            return;
        }
        // A whole body: the first answer, or the server ignored Range / the file changed.
        remote.remember(response);
        if (remote.total() != null && remote.total() > maxBytes) {
            GuardedFetcher.discard(response);
            fail(tooLarge());
            return;
        }
        if (received == 0) {
            stream(response);
            return;
        }
        target.restart()
                .onComplete(
                        restarted -> {
                            received = 0;
                            stream(response);
                        });
    }

    private void stream(HttpClientResponse response) {
        boolean[] over = {false};
        response.exceptionHandler(
                e -> {
                    if (!over[0]) {
                        over[0] = true;
                        dropped(e);
                    }
                });
        response.endHandler(
                v -> {
                    if (over[0]) {
                        return;
                    }
                    over[0] = true;
                    if (remote.total() != null && received < remote.total()) {
                        dropped(new IllegalStateException("the body ended early"));
                    } else {
                        finish();
                    }
                });
        response.handler(
                chunk -> {
                    if (result.future().isComplete()) {
                        return;
                    }
                    received += chunk.length();
                    if (received > maxBytes) {
                        over[0] = true;
                        GuardedFetcher.discard(response);
                        fail(tooLarge());
                        return;
                    }
                    target.append(chunk, response, this::fail);
                    reportProgress();
                });
        response.resume();
    }

    private void dropped(Throwable cause) {
        if (result.future().isComplete()) {
            return;
        }
        if (resumes >= MAX_RESUMES) {
            fail(
                    failure(
                            "The connection dropped "
                                    + (resumes + 1)
                                    + " times; last: "
                                    + cause.getMessage(),
                            true));
            return;
        }
        resumes++;
        vertx.setTimer(250L * resumes, t -> attempt());
    }

    private void finish() {
        target.finish().onSuccess(v -> result.tryComplete(received)).onFailure(this::fail);
    }

    private void reportProgress() {
        progress.update(received, remote.total(), checkpoint());
    }

    /** Where a later attempt could go on, once the upload has started and the file has a validator. */
    private Checkpoint checkpoint() {
        String uploadId = target.uploadId();
        return uploadId != null && remote.validator() != null
                ? new Checkpoint(uploadId, remote.validator())
                : null;
    }

    private void fail(Throwable error) {
        if (!result.tryFail(error)) {
            return;
        }
        if (current != null) {
            GuardedFetcher.discard(current);
        }
        // After a failure that another attempt may fix, the stored parts wait for it.
        if (error instanceof ImportFailure failure && !failure.retryable()) {
            target.abort();
        }
    }

    private ImportFailure tooLarge() {
        return new ImportFailure(
                IngestProblem.TOO_LARGE,
                "The file is larger than the "
                        + (maxBytes / (1024 * 1024))
                        + " MiB this server accepts.",
                false);
    }

    private static ImportFailure failure(String message, boolean retryable) {
        return new ImportFailure(ImportProblem.IMPORT_FAILED, message, retryable);
    }
}
