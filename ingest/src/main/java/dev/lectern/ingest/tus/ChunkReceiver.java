package dev.lectern.ingest.tus;

import dev.lectern.infra.storage.ByteRange;
import dev.lectern.infra.storage.MultipartStore;
import dev.lectern.infra.storage.MultipartStore.CompletedPart;
import dev.lectern.infra.storage.ObjectStore;
import dev.lectern.infra.storage.PartBuffer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.buffer.BufferInternal;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Streams one PATCH body into the upload's S3 multipart upload. Bytes fill one part (starting
 * with the stored tail, copied into the store's part memory: {@link PartBuffer}); each full part
 * is handed to S3 at once while the next one fills, and its blocks go back once it is stored. At
 * most {@link #PARTS_IN_FLIGHT} parts are uploading at any moment: when that many are in flight
 * the request is paused, so memory stays at a few parts per request whatever the file size, and
 * a slow store slows the client down instead of filling memory.
 *
 * <p>Parts may finish out of order; the stored offset only ever covers the unbroken run of parts
 * from the first, so a crash never records bytes that were not stored. When the body ends or the
 * connection drops, the bytes short of a part are stored as the tail object, so nothing the client
 * sent is lost. With a checksum, nothing is committed until the whole chunk has been verified.
 */
final class ChunkReceiver {
    /**
     * Parts uploading at once per request. One keeps the store idle while the next part arrives;
     * three overlap the network, the store's disk writes and the next part's arrival.
     */
    static final int PARTS_IN_FLIGHT = 3;

    /** How a body ended: its bytes committed, the upload complete, or the chunk discarded. */
    enum Outcome {
        STORED,
        INTERRUPTED,
        COMPLETE,
        CHECKSUM_MISMATCH,
        TOO_LONG
    }

    private final Upload upload;
    private final ObjectStore objects;
    private final MultipartStore multipart;
    private final UploadStore uploads;
    private final Duration expiry;
    private final MessageDigest digest;
    private final byte[] expectedDigest;
    private final TreeMap<Integer, CompletedPart> stored = new TreeMap<>();
    private final Promise<Outcome> done = Promise.promise();
    private HttpServerRequest request;
    private final PartBuffer pending;
    private long received;
    private int nextPart;
    private int inFlight;
    private int committedParts;
    private Promise<Void> drained;
    private Future<Void> saves = Future.succeededFuture();
    private boolean settling;
    private boolean failed;

    ChunkReceiver(
            Upload upload,
            ObjectStore objects,
            MultipartStore multipart,
            UploadStore uploads,
            Duration expiry,
            Checksum checksum) {
        this.upload = upload;
        this.objects = objects;
        this.multipart = multipart;
        this.pending = new PartBuffer(multipart.partMemory());
        this.uploads = uploads;
        this.expiry = expiry;
        this.digest = checksum == null ? null : checksum.newDigest();
        this.expectedDigest = checksum == null ? null : checksum.expected();
        upload.parts().forEach(p -> stored.put(p.number(), p));
        this.nextPart = upload.parts().size() + 1;
        this.committedParts = upload.parts().size();
        // Whatever ended the request, the part being filled is no longer read by anyone then:
        // parts in flight give their own blocks back when S3 answers.
        done.future().onComplete(ended -> pending.release());
    }

    /** Bytes this request added to the upload (before any checksum verdict). */
    long received() {
        return received;
    }

    /** Every stored part in order; complete once {@link #receive} ended with COMPLETE. */
    List<CompletedPart> parts() {
        return List.copyOf(stored.values());
    }

    Future<Outcome> receive(HttpServerRequest request) {
        this.request = request;
        return loadTail()
                .compose(
                        tail -> {
                            pending.fill(tail, 0, upload.partSize());
                            consume();
                            return done.future();
                        });
    }

    private Future<Buffer> loadTail() {
        if (upload.tailLength() == 0) {
            return Future.succeededFuture(Buffer.buffer());
        }
        return objects.get(upload.tailKey(), ByteRange.of(0, upload.tailLength() - 1))
                .compose(
                        found ->
                                readAll(
                                        found.orElseThrow(
                                                        () ->
                                                                new IllegalStateException(
                                                                        "tail object of upload "
                                                                                + upload.id()
                                                                                + " is missing"))
                                                .body()));
    }

    /** Reads a small stream (a tail, under one part) into memory. */
    static Future<Buffer> readAll(io.vertx.core.streams.ReadStream<Buffer> body) {
        Promise<Buffer> read = Promise.promise();
        Buffer all = Buffer.buffer();
        body.handler(all::appendBuffer);
        body.exceptionHandler(read::tryFail);
        body.endHandler(v -> read.tryComplete(all));
        body.resume();
        return read.future();
    }

    private void consume() {
        long room = upload.length() - upload.offset();
        request.handler(
                chunk -> {
                    if (settling) {
                        return;
                    }
                    if (received + chunk.length() > room) {
                        settling = true;
                        request.pause();
                        afterInFlight(() -> Future.succeededFuture(Outcome.TOO_LONG));
                        return;
                    }
                    received += chunk.length();
                    if (digest != null) {
                        digest.update(((BufferInternal) chunk).getByteBuf().nioBuffer());
                    }
                    append(chunk);
                    if (inFlight >= PARTS_IN_FLIGHT) {
                        request.pause();
                    }
                });
        request.exceptionHandler(e -> settle(false));
        request.response().closeHandler(v -> settle(false));
        request.endHandler(v -> settle(true));
        request.resume();
    }

    /** Adds a chunk to the part being filled, sending each part as soon as it is full. */
    private void append(Buffer chunk) {
        int from = 0;
        while (from < chunk.length()) {
            from = pending.fill(chunk, from, upload.partSize());
            if (pending.length() == upload.partSize()) {
                sendPart();
            }
        }
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
                                fail(result.cause());
                            } else {
                                stored.put(number, result.result());
                                // Without a checksum every whole part is committed at once: a
                                // crash keeps it.
                                if (digest == null) {
                                    commitUnbrokenParts();
                                }
                            }
                            if (!settling && inFlight < PARTS_IN_FLIGHT) {
                                request.resume();
                            }
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
        saves = saves.compose(v -> uploads.saveProgress(upload.id(), snapshot, offset, 0, expiry));
    }

    /** Waits for every part in flight and every pending save, then runs {@code next}. */
    private void afterInFlight(java.util.function.Supplier<Future<Outcome>> next) {
        Future<Void> quiet;
        if (inFlight == 0) {
            quiet = Future.succeededFuture();
        } else {
            drained = Promise.promise();
            quiet = drained.future();
        }
        quiet.compose(v -> saves)
                .compose(
                        v ->
                                failed
                                        ? Future.<Outcome>failedFuture("a part upload failed")
                                        : next.get())
                .onSuccess(done::tryComplete)
                .onFailure(this::fail);
    }

    private void settle(boolean ended) {
        if (settling) {
            return;
        }
        settling = true;
        afterInFlight(ended ? this::finish : this::keepWhatArrived);
    }

    private Future<Outcome> keepWhatArrived() {
        if (digest != null) {
            // A chunk that cannot be verified is discarded, as the checksum extension requires.
            return Future.succeededFuture(Outcome.INTERRUPTED);
        }
        return storeTail().map(Outcome.INTERRUPTED);
    }

    private Future<Outcome> finish() {
        if (digest != null && !MessageDigest.isEqual(digest.digest(), expectedDigest)) {
            return Future.succeededFuture(Outcome.CHECKSUM_MISMATCH);
        }
        if (upload.offset() + received < upload.length()) {
            return storeTail().map(Outcome.STORED);
        }
        if (pending.length() == 0 && !stored.isEmpty()) {
            return Future.succeededFuture(Outcome.COMPLETE);
        }
        // The last part may be short (or empty, for an empty file): S3 allows that for the last.
        int number = nextPart++;
        return pending.send(
                        part ->
                                multipart.uploadPart(
                                        upload.objectKey(), upload.multipartId(), number, part))
                .map(
                        last -> {
                            stored.put(number, last);
                            return Outcome.COMPLETE;
                        });
    }

    /**
     * Stores the bytes short of a part as the tail object, then commits the new offset. The new
     * tail always starts with the old one unless a new part was committed first (which made the
     * old tail's bytes part of it), so a crash between the two steps leaves a consistent state.
     */
    private Future<Void> storeTail() {
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
                        uploads.saveProgress(
                                upload.id(),
                                all,
                                (long) all.size() * upload.partSize() + tailLength,
                                tailLength,
                                expiry));
    }

    private void fail(Throwable error) {
        settling = true;
        failed = true;
        if (inFlight == 0 && drained != null) {
            drained.tryComplete();
        }
        done.tryFail(error);
    }
}
