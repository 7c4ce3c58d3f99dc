package dev.lectern.ingest.importer;

import dev.lectern.infra.storage.MultipartStore;
import dev.lectern.infra.storage.MultipartStore.CompletedPart;
import dev.lectern.infra.storage.MultipartStore.StoredPart;
import dev.lectern.infra.storage.ObjectStore;
import dev.lectern.infra.storage.PartBuffer;
import dev.lectern.ingest.IngestProblem;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Copies one remote file into one S3 object with the multipart API, streaming: bytes collect into
 * a single part-sized buffer and the download is paused while a full part is stored, so memory
 * stays at about two parts and nothing touches the disk. When the connection drops, the copy asks
 * for the rest with {@code Range} (and {@code If-Range}, so a file that changed meanwhile is
 * fetched whole again instead of being spliced). A later attempt (another worker, after a crash)
 * can go on from the parts already stored ({@link #resume}); only a final failure aborts them.
 */
final class ResumingCopy {
    static final int MAX_RESUMES = 5;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    /**
     * Told about every chunk and about the multipart upload's start: bytes so far, the total when
     * the server said it, and where a later attempt could go on (null before the first part).
     */
    interface Progress {
        void update(long received, Long total, Checkpoint checkpoint);
    }

    private final Vertx vertx;
    private final GuardedFetcher fetcher;
    private final MultipartStore parts;
    private final ObjectStore store;
    private final String key;
    private final long maxBytes;
    private final URI url;
    private final String authorization;
    private final Progress progress;
    private final Promise<Long> result = Promise.promise();
    private final List<CompletedPart> stored = new ArrayList<>();
    private final PartBuffer pending;
    private Future<String> uploadId;
    private Future<Void> inFlight = Future.succeededFuture();
    private HttpClientResponse current;
    private long received;
    private Long total;
    private String validator;
    private String contentType = "application/octet-stream";
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
        this.parts = parts;
        this.store = store;
        this.key = key;
        this.maxBytes = maxBytes;
        this.url = url;
        this.authorization = authorization;
        this.progress = progress;
        this.pending = new PartBuffer(parts.partMemory());
        // Parts in flight give their blocks back when stored; the one being filled, at the end.
        result.future().onComplete(ended -> pending.release());
    }

    /** Runs the copy; completes with the number of bytes stored. */
    Future<Long> run() {
        attempt();
        return result.future();
    }

    /**
     * Goes on from an earlier attempt's open upload: its parts from number 1 without a gap, except
     * the last, count as received, and the rest is asked for with {@code Range}. The last is fetched
     * again so the rest is never empty (the parts may hold the whole file, and a range past its end
     * would be refused); its number is reused.
     */
    Future<Long> resume(Checkpoint checkpoint, List<StoredPart> earlier) {
        uploadId = Future.succeededFuture(checkpoint.uploadId());
        validator = checkpoint.validator();
        for (StoredPart part : earlier.subList(0, Math.max(0, earlier.size() - 1))) {
            if (part.number() != stored.size() + 1) {
                break;
            }
            stored.add(new CompletedPart(part.number(), part.etag()));
            received += part.size();
        }
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
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        if (received > 0) {
            headers.add("Range", "bytes=" + received + "-");
            if (validator != null) {
                headers.add("If-Range", validator);
            }
        }
        fetcher.get(url, headers, authorization)
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
            Matcher range =
                    CONTENT_RANGE.matcher(String.valueOf(response.getHeader("Content-Range")));
            if (!range.matches() || Long.parseLong(range.group(1)) != received) {
                GuardedFetcher.discard(response);
                fail(failure("The server resumed at the wrong offset.", true));
                return;
            }
            total = range.group(3).equals("*") ? total : Long.valueOf(range.group(3));
            stream(response);
            return;
        }
        // A whole body: the first answer, or the server ignored Range / the file changed.
        remember(response);
        if (total != null && total > maxBytes) {
            GuardedFetcher.discard(response);
            fail(tooLarge());
            return;
        }
        if (received == 0) {
            stream(response);
            return;
        }
        // Start over once the parts in flight have landed; their numbers get reused.
        inFlight.onComplete(
                done -> {
                    received = 0;
                    stored.clear();
                    pending.release();
                    stream(response);
                });
    }

    private void remember(HttpClientResponse response) {
        String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
        total = length == null ? null : Long.valueOf(length);
        String etag = response.getHeader(HttpHeaders.ETAG);
        validator =
                etag != null && !etag.startsWith("W/")
                        ? etag
                        : response.getHeader(HttpHeaders.LAST_MODIFIED);
        String type = response.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type != null && !type.isBlank()) {
            contentType = type;
        }
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
                    if (total != null && received < total) {
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
                    int from = 0;
                    while (from < chunk.length()) {
                        from = pending.fill(chunk, from, parts.partSize());
                        if (pending.length() == parts.partSize()) {
                            response.pause();
                            flushPart().onSuccess(ok -> response.resume()).onFailure(this::fail);
                        }
                    }
                    progress.update(received, total, checkpoint());
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

    private Future<Void> flushPart() {
        if (uploadId == null) {
            uploadId =
                    parts.startMultipart(key, contentType)
                            .onSuccess(id -> progress.update(received, total, checkpoint()));
        }
        int number = stored.size() + 1;
        stored.add(null);
        inFlight =
                pending.send(part -> afterEarlierParts(number, part))
                        .map(
                                completed -> {
                                    stored.set(number - 1, completed);
                                    return null;
                                });
        return inFlight;
    }

    /** Uploads one part once the parts before it are stored: one part in flight at a time. */
    private Future<CompletedPart> afterEarlierParts(int number, Buffer part) {
        return inFlight.compose(v -> uploadId)
                .compose(id -> parts.uploadPart(key, id, number, part));
    }

    private void finish() {
        Future<Void> done;
        if (uploadId == null) {
            done = pending.send(whole -> store.put(key, whole, contentType));
        } else {
            Future<Void> last = pending.length() > 0 ? flushPart() : inFlight;
            done =
                    last.compose(v -> uploadId)
                            .compose(id -> parts.completeMultipart(key, id, List.copyOf(stored)));
        }
        done.onSuccess(v -> result.tryComplete(received)).onFailure(this::fail);
    }

    /** Where a later attempt could go on, once the upload has started and the file has a validator. */
    private Checkpoint checkpoint() {
        return uploadId != null && uploadId.succeeded() && validator != null
                ? new Checkpoint(uploadId.result(), validator)
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
        boolean last = error instanceof ImportFailure failure && !failure.retryable();
        if (uploadId != null && last) {
            uploadId.compose(id -> parts.abortMultipart(key, id));
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
