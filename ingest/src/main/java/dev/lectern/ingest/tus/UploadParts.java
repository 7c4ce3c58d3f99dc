package dev.lectern.ingest.tus;

import dev.lectern.infra.storage.ByteRange;
import dev.lectern.infra.storage.MultipartStore;
import dev.lectern.infra.storage.MultipartStore.CompletedPart;
import dev.lectern.infra.storage.ObjectStore;
import dev.lectern.infra.storage.PartBuffer;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store side of one request's body: bytes fill one part (starting with the stored tail,
 * copied into the store's part memory: {@link PartBuffer}); each full part is handed to S3 at once
 * while the next one fills, and its blocks go back once it is stored. Parts may finish out of
 * order; the stored offset only ever covers the unbroken run of parts from the first, so a crash
 * never records bytes that were not stored. The bytes short of a part become the tail object.
 */
final class UploadParts {
    private static final Logger LOG = LoggerFactory.getLogger(UploadParts.class);

    /** How long a save of stored parts is retried while PostgreSQL does not answer. */
    static final Duration SAVE_RETRIES_FOR = Duration.ofMinutes(10);

    private static final Duration SAVE_RETRY_DELAY = Duration.ofSeconds(2);

    private final Upload upload;
    private final ObjectStore objects;
    private final MultipartStore multipart;
    private final UploadStore uploads;
    private final Duration expiry;
    private final boolean commitAsStored;
    private final Handler<Throwable> failed;
    private final Runnable landed;
    private final TreeMap<Integer, CompletedPart> stored = new TreeMap<>();
    private final PartBuffer pending;
    private int nextPart;
    private int inFlight;
    private int committedParts;
    private Promise<Void> drained;
    private Future<Void> saves = Future.succeededFuture();
    private boolean partFailed;

    /**
     * @param commitAsStored whether each part is recorded as soon as it and those before it are
     *     stored (a crash keeps it); with a checksum nothing is until the chunk is verified
     * @param failed told when a part cannot be stored
     * @param landed told whenever a part upload ends, so the body may flow again
     */
    UploadParts(
            Upload upload,
            ObjectStore objects,
            MultipartStore multipart,
            UploadStore uploads,
            Duration expiry,
            boolean commitAsStored,
            Handler<Throwable> failed,
            Runnable landed) {
        this.upload = upload;
        this.objects = objects;
        this.multipart = multipart;
        this.uploads = uploads;
        this.expiry = expiry;
        this.commitAsStored = commitAsStored;
        this.failed = failed;
        this.landed = landed;
        this.pending = new PartBuffer(multipart.partMemory());
        upload.parts().forEach(p -> stored.put(p.number(), p));
        this.nextPart = upload.parts().size() + 1;
        this.committedParts = upload.parts().size();
    }

    /** Starts the part being filled with the tail an earlier request stored. */
    Future<Void> loadTail() {
        if (upload.tailLength() == 0) {
            return Future.succeededFuture();
        }
        return objects.get(upload.tailKey(), ByteRange.of(0, upload.tailLength() - 1))
                .compose(
                        found ->
                                ChunkReceiver.readAll(
                                        found.orElseThrow(
                                                        () ->
                                                                new IllegalStateException(
                                                                        "tail object of upload "
                                                                                + upload.id()
                                                                                + " is missing"))
                                                .body()))
                .map(
                        tail -> {
                            pending.fill(tail, 0, upload.partSize());
                            return null;
                        });
    }

    /** Adds a chunk to the part being filled, sending each part as soon as it is full. */
    void append(Buffer chunk) {
        int from = 0;
        while (from < chunk.length()) {
            from = pending.fill(chunk, from, upload.partSize());
            if (pending.length() == upload.partSize()) {
                sendPart();
            }
        }
    }

    /** Parts on their way to S3 right now. */
    int inFlight() {
        return inFlight;
    }

    /**
     * Completes once no part is in flight and every save is written; fails when a part could not
     * be stored.
     */
    Future<Void> quiet() {
        Future<Void> landedAll;
        if (inFlight == 0) {
            landedAll = Future.succeededFuture();
        } else {
            drained = Promise.promise();
            landedAll = drained.future();
        }
        return landedAll
                .compose(v -> saves)
                .compose(
                        v ->
                                partFailed
                                        ? Future.failedFuture("a part upload failed")
                                        : Future.succeededFuture());
    }

    /**
     * Sends the bytes left as the last part, which may be short (or empty, for an empty file): S3
     * allows that for the last.
     */
    Future<Void> sendLast() {
        if (pending.length() == 0 && !stored.isEmpty()) {
            return Future.succeededFuture();
        }
        int number = nextPart++;
        return pending.send(
                        part ->
                                multipart.uploadPart(
                                        upload.objectKey(), upload.multipartId(), number, part))
                .map(
                        last -> {
                            stored.put(number, last);
                            return null;
                        });
    }

    /**
     * Stores the bytes short of a part as the tail object, then commits the new offset. The new
     * tail always starts with the old one unless a new part was committed first (which made the
     * old tail's bytes part of it), so a crash between the two steps leaves a consistent state.
     */
    Future<Void> storeTail() {
        int tailLength = pending.length();
        Future<Void> tail =
                tailLength > 0
                        ? pending.send(
                                bytes ->
                                        objects.put(
                                                upload.tailKey(),
                                                bytes,
                                                "application/octet-stream"))
                        : Future.succeededFuture();
        List<CompletedPart> all = new ArrayList<>(stored.values());
        return tail.compose(
                v ->
                        saveUntilRecorded(
                                () ->
                                        uploads.saveProgress(
                                                upload.id(),
                                                all,
                                                (long) all.size() * upload.partSize() + tailLength,
                                                tailLength,
                                                expiry),
                                System.nanoTime()));
    }

    /**
     * Saves progress, retrying while PostgreSQL is unreachable: the parts are in S3 already, and a
     * client on a slow uplink must not send them again because the database was frozen or
     * restarting when they landed. The request has had its 503 meanwhile; the upload stays locked
     * until the save is recorded or {@link #SAVE_RETRIES_FOR} has passed.
     */
    private Future<Void> saveUntilRecorded(Supplier<Future<Void>> save, long since) {
        return save.get()
                .recover(
                        error -> {
                            long waited = System.nanoTime() - since;
                            if (waited > SAVE_RETRIES_FOR.toNanos()) {
                                return Future.failedFuture(error);
                            }
                            LOG.warn(
                                    "upload {}: progress not recorded ({}); trying again",
                                    upload.id(),
                                    error.getMessage());
                            return Vertx.currentContext()
                                    .owner()
                                    .timer(SAVE_RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS)
                                    .compose(t -> saveUntilRecorded(save, since));
                        });
    }

    /** Every stored part in order. */
    List<CompletedPart> all() {
        return List.copyOf(stored.values());
    }

    /** Gives back the part being filled; parts in flight give theirs back when S3 answers. */
    void release() {
        pending.release();
    }

    private void sendPart() {
        int number = nextPart++;
        inFlight++;
        pending.send(
                        part ->
                                multipart.uploadPart(
                                        upload.objectKey(), upload.multipartId(), number, part))
                .onComplete(
                        result -> {
                            inFlight--;
                            if (result.failed()) {
                                partFailed = true;
                                failed.handle(result.cause());
                            } else {
                                stored.put(number, result.result());
                                if (commitAsStored) {
                                    commitUnbrokenParts();
                                }
                            }
                            landed.run();
                            if (inFlight == 0 && drained != null) {
                                drained.tryComplete();
                            }
                        });
    }

    /** Records the parts stored without a gap from the first; saves run one after another. */
    private void commitUnbrokenParts() {
        int unbroken = committedParts;
        while (stored.containsKey(unbroken + 1)) {
            unbroken++;
        }
        if (unbroken == committedParts) {
            return;
        }
        committedParts = unbroken;
        List<CompletedPart> snapshot = List.copyOf(stored.headMap(unbroken, true).values());
        long offset = (long) unbroken * upload.partSize();
        // Each save holds every part before it, so a failed one is made good by the next; the
        // last one is retried until recorded.
        Supplier<Future<Void>> save =
                () -> uploads.saveProgress(upload.id(), snapshot, offset, 0, expiry);
        saves = saves.transform(previous -> saveUntilRecorded(save, System.nanoTime()));
    }
}
