package dev.lectern.ingest.importer;

import dev.lectern.infra.storage.MultipartStore;
import dev.lectern.infra.storage.MultipartStore.CompletedPart;
import dev.lectern.infra.storage.MultipartStore.StoredPart;
import dev.lectern.infra.storage.ObjectStore;
import dev.lectern.infra.storage.PartBuffer;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an import's bytes go: one S3 multipart upload, started by the first full part, whose parts
 * are assembled in part memory ({@link PartBuffer}) and stored one after another, or a single PUT
 * for a file shorter than a part. It can take over the upload an earlier attempt left open.
 */
final class ImportParts {
    private final MultipartStore parts;
    private final ObjectStore store;
    private final String key;
    private final RemoteFile remote;
    private final Runnable started;
    private final List<CompletedPart> stored = new ArrayList<>();
    private final PartBuffer pending;
    private Future<String> uploadId;
    private Future<Void> inFlight = Future.succeededFuture();

    /**
     * @param remote the file's content type is stored with the object
     * @param started told when the upload has an id, which is a new resume point
     */
    ImportParts(
            MultipartStore parts,
            ObjectStore store,
            String key,
            RemoteFile remote,
            Runnable started) {
        this.parts = parts;
        this.store = store;
        this.key = key;
        this.remote = remote;
        this.started = started;
        this.pending = new PartBuffer(parts.partMemory());
    }

    /**
     * Takes over an earlier attempt's open upload: its parts from number 1 without a gap, except
     * the last, are kept; answers how many bytes they hold. The last is fetched again so the rest
     * is never empty (the parts may hold the whole file, and a range past its end would be
     * refused); its number is reused.
     */
    long continueFrom(String earlierUploadId, List<StoredPart> earlier) {
        uploadId = Future.succeededFuture(earlierUploadId);
        long bytes = 0;
        for (StoredPart part : earlier.subList(0, Math.max(0, earlier.size() - 1))) {
            if (part.number() != stored.size() + 1) {
                break;
            }
            stored.add(new CompletedPart(part.number(), part.etag()));
            bytes += part.size();
        }
        return bytes;
    }

    /**
     * Copies {@code chunk} into the part being filled. Each part it fills is stored with {@code
     * source} paused until then, so one part is in flight at a time; a part that cannot be stored
     * goes to {@code failed}.
     */
    void append(Buffer chunk, ReadStream<Buffer> source, Handler<Throwable> failed) {
        int from = 0;
        while (from < chunk.length()) {
            from = pending.fill(chunk, from, parts.partSize());
            if (pending.length() == parts.partSize()) {
                source.pause();
                flushPart().onSuccess(ok -> source.resume()).onFailure(failed);
            }
        }
    }

    /** Forgets every byte once the parts in flight have landed; their numbers get reused. */
    Future<Void> restart() {
        return inFlight.transform(
                landed -> {
                    stored.clear();
                    pending.release();
                    return Future.succeededFuture();
                });
    }

    /** Stores the bytes left and completes the object. */
    Future<Void> finish() {
        if (uploadId == null) {
            return pending.send(whole -> store.put(key, whole, remote.contentType()));
        }
        Future<Void> last = pending.length() > 0 ? flushPart() : inFlight;
        return last.compose(v -> uploadId)
                .compose(id -> parts.completeMultipart(key, id, List.copyOf(stored)));
    }

    /** The open upload's id, or null before it has one. */
    String uploadId() {
        return uploadId != null && uploadId.succeeded() ? uploadId.result() : null;
    }

    /** Deletes the parts stored so far: no attempt will go on from them. */
    void abort() {
        if (uploadId != null) {
            uploadId.compose(id -> parts.abortMultipart(key, id));
        }
    }

    /** Gives back the part being filled; parts in flight give theirs back when stored. */
    void release() {
        pending.release();
    }

    private Future<Void> flushPart() {
        if (uploadId == null) {
            uploadId =
                    parts.startMultipart(key, remote.contentType()).onSuccess(id -> started.run());
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
}
