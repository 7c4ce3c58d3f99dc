package dev.lectern.infra.storage;

import dev.lectern.infra.storage.MultipartStore.CompletedPart;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams a body of unknown length into S3. Bytes collect into one part ({@link PartBuffer}); when
 * it is full the source is paused until that part is stored, so memory stays at one part. A body
 * that ends before the first part is full is stored with a single PUT.
 */
final class StreamMultipartUpload {
    private final S3ObjectStore store;
    private final String key;
    private final int partSize;
    private final List<CompletedPart> parts = new ArrayList<>();
    private final Promise<Long> result = Promise.promise();
    private final PartBuffer pending;
    private Future<String> uploadId;
    private Future<Void> inFlight = Future.succeededFuture();
    private long total;

    StreamMultipartUpload(S3ObjectStore store, String key, int partSize) {
        this.store = store;
        this.key = key;
        this.partSize = partSize;
        this.pending = new PartBuffer(store.partMemory());
        // Parts in flight give their blocks back when stored; the one being filled, at the end.
        result.future().onComplete(ended -> pending.release());
    }

    Future<Long> run(ReadStream<Buffer> body, String contentType) {
        // Every handler is in place before data flows: the caller may be on another thread.
        body.pause();
        body.exceptionHandler(this::fail);
        body.endHandler(v -> finish(contentType));
        body.handler(
                chunk -> {
                    if (result.future().isComplete()) {
                        return; // failed: nothing more is stored
                    }
                    total += chunk.length();
                    int from = 0;
                    while (from < chunk.length()) {
                        from = pending.fill(chunk, from, partSize);
                        if (pending.length() == partSize) {
                            // The source is paused until every part sent so far is stored.
                            body.pause();
                            flushPart(contentType)
                                    .onSuccess(v -> body.resume())
                                    .onFailure(this::fail);
                        }
                    }
                });
        body.resume();
        return result.future();
    }

    private Future<Void> flushPart(String contentType) {
        if (uploadId == null) {
            uploadId = store.startMultipart(key, contentType);
        }
        int number = parts.size() + 1;
        inFlight =
                pending.send(part -> afterEarlierParts(number, part))
                        .map(
                                completed -> {
                                    parts.add(completed);
                                    return null;
                                });
        return inFlight;
    }

    /** Uploads one part once the parts before it are stored: one part in flight at a time. */
    private Future<CompletedPart> afterEarlierParts(int number, Buffer part) {
        return inFlight.compose(v -> uploadId)
                .compose(id -> store.uploadPart(key, id, number, part));
    }

    private void finish(String contentType) {
        Future<Void> done;
        if (uploadId == null) {
            done = pending.send(whole -> store.put(key, whole, contentType));
        } else {
            Future<Void> last = pending.length() > 0 ? flushPart(contentType) : inFlight;
            done =
                    last.compose(v -> uploadId)
                            .compose(id -> store.completeMultipart(key, id, parts));
        }
        done.onSuccess(v -> result.tryComplete(total)).onFailure(this::fail);
    }

    private void fail(Throwable error) {
        if (result.tryFail(error) && uploadId != null) {
            uploadId.compose(id -> store.abortMultipart(key, id));
        }
    }
}
