package dev.lectern.ingest.tus;

import dev.lectern.infra.storage.ByteRange;
import dev.lectern.infra.storage.MultipartStore;
import dev.lectern.infra.storage.MultipartStore.CompletedPart;
import dev.lectern.infra.storage.ObjectStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams one PATCH body into the upload's S3 multipart upload. Bytes gather in one part-sized
 * buffer (starting with the stored tail); each full part is uploaded while the request is paused,
 * so memory stays at one part per request whatever the file size. When the body ends or the
 * connection drops, the bytes short of a part are stored as the tail object, so nothing the client
 * sent is lost. With a checksum, nothing is committed until the whole chunk has been verified.
 */
final class ChunkReceiver {
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
    private final List<CompletedPart> parts;
    private final Promise<Outcome> done = Promise.promise();
    private Buffer pending;
    private long received;
    private Future<Void> inFlight = Future.succeededFuture();
    private boolean settling;

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
        this.uploads = uploads;
        this.expiry = expiry;
        this.digest = checksum == null ? null : checksum.newDigest();
        this.expectedDigest = checksum == null ? null : checksum.expected();
        this.parts = new ArrayList<>(upload.parts());
    }

    /** Bytes this request added to the upload (before any checksum verdict). */
    long received() {
        return received;
    }

    Future<Outcome> receive(HttpServerRequest request) {
        return loadTail()
                .compose(
                        tail -> {
                            pending = Buffer.buffer(upload.partSize()).appendBuffer(tail);
                            consume(request);
                            return done.future();
                        });
    }

    private Future<Buffer> loadTail() {
        if (upload.tailLength() == 0) {
            return Future.succeededFuture(Buffer.buffer());
        }
        return objects.get(upload.tailKey(), ByteRange.of(0, upload.tailLength() - 1))
                .compose(
                        found -> {
                            var body =
                                    found.orElseThrow(
                                                    () ->
                                                            new IllegalStateException(
                                                                    "tail object of upload "
                                                                            + upload.id()
                                                                            + " is missing"))
                                            .body();
                            return readAll(body);
                        });
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

    private void consume(HttpServerRequest request) {
        long room = upload.length() - upload.offset();
        request.handler(
                chunk -> {
                    if (settling) {
                        return;
                    }
                    if (received + chunk.length() > room) {
                        settling = true;
                        request.pause();
                        done.tryComplete(Outcome.TOO_LONG);
                        return;
                    }
                    received += chunk.length();
                    if (digest != null) {
                        digest.update(chunk.getBytes());
                    }
                    pending.appendBuffer(chunk);
                    if (pending.length() >= upload.partSize()) {
                        request.pause();
                        flushFullParts().onSuccess(v -> request.resume()).onFailure(this::fail);
                    }
                });
        request.exceptionHandler(e -> settle(false));
        request.response().closeHandler(v -> settle(false));
        request.endHandler(v -> settle(true));
        request.resume();
    }

    private Future<Void> flushFullParts() {
        while (pending.length() >= upload.partSize()) {
            Buffer part = pending.getBuffer(0, upload.partSize());
            pending =
                    Buffer.buffer(upload.partSize())
                            .appendBuffer(
                                    pending,
                                    upload.partSize(),
                                    pending.length() - upload.partSize());
            int number = parts.size() + 1;
            inFlight =
                    inFlight.compose(
                            v ->
                                    multipart
                                            .uploadPart(
                                                    upload.objectKey(),
                                                    upload.multipartId(),
                                                    number,
                                                    part)
                                            .compose(
                                                    stored -> {
                                                        parts.add(stored);
                                                        // Without a checksum every whole part is
                                                        // committed at once: a crash keeps it.
                                                        return digest == null
                                                                ? uploads.saveProgress(
                                                                        upload.id(),
                                                                        parts,
                                                                        partsBytes(),
                                                                        0,
                                                                        expiry)
                                                                : Future.succeededFuture();
                                                    }));
        }
        return inFlight;
    }

    private long partsBytes() {
        return (long) parts.size() * upload.partSize();
    }

    private void settle(boolean ended) {
        if (settling) {
            return;
        }
        settling = true;
        inFlight.compose(v -> ended ? finish() : keepWhatArrived())
                .onSuccess(done::tryComplete)
                .onFailure(this::fail);
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
        Future<Void> last =
                pending.length() > 0 || parts.isEmpty()
                        ? multipart
                                .uploadPart(
                                        upload.objectKey(),
                                        upload.multipartId(),
                                        parts.size() + 1,
                                        pending)
                                .map(
                                        stored -> {
                                            parts.add(stored);
                                            return null;
                                        })
                        : Future.succeededFuture();
        return last.compose(
                        v ->
                                multipart.completeMultipart(
                                        upload.objectKey(), upload.multipartId(), parts))
                .compose(v -> uploads.saveProgress(upload.id(), parts, upload.length(), 0, expiry))
                .map(Outcome.COMPLETE);
    }

    /**
     * Stores the bytes short of a part as the tail object, then commits the new offset. The new
     * tail always starts with the old one, so a crash between the two steps leaves a consistent
     * state: the database still names the old tail length, which is a prefix of the new object.
     */
    private Future<Void> storeTail() {
        Future<Void> tail =
                pending.length() > 0
                        ? objects.put(upload.tailKey(), pending, "application/octet-stream")
                        : Future.succeededFuture();
        return tail.compose(
                v ->
                        uploads.saveProgress(
                                upload.id(),
                                parts,
                                partsBytes() + pending.length(),
                                pending.length(),
                                expiry));
    }

    private void fail(Throwable error) {
        settling = true;
        done.tryFail(error);
    }
}
