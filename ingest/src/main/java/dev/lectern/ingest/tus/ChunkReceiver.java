package dev.lectern.ingest.tus;

import dev.lectern.infra.storage.MultipartStore;
import dev.lectern.infra.storage.MultipartStore.CompletedPart;
import dev.lectern.infra.storage.ObjectStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.streams.ReadStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Streams one PATCH body into the upload's S3 multipart upload ({@link UploadParts} stores the
 * parts). At most {@link #PARTS_IN_FLIGHT} parts are uploading at any moment: when that many are
 * in flight the request is paused, so memory stays at a few parts per request whatever the file
 * size, and a slow store slows the client down instead of filling memory.
 *
 * <p>When the body ends or the connection drops, the bytes short of a part are stored as the tail
 * object, so nothing the client sent is lost. With a checksum, nothing is committed until the
 * whole chunk has been verified.
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
    private final long maxUploadBytes;
    private final UploadParts parts;
    private final MessageDigest digest;
    private final byte[] expectedDigest;
    private final Promise<Outcome> done = Promise.promise();
    private HttpServerRequest request;
    private Runnable bodyEnded;
    private long received;
    private boolean settling;

    ChunkReceiver(
            Upload upload,
            ObjectStore objects,
            MultipartStore multipart,
            UploadStore uploads,
            Duration expiry,
            long maxUploadBytes,
            Checksum checksum) {
        this.upload = upload;
        this.maxUploadBytes = maxUploadBytes;
        this.digest = checksum == null ? null : checksum.newDigest();
        this.expectedDigest = checksum == null ? null : checksum.expected();
        this.parts =
                new UploadParts(
                        upload,
                        objects,
                        multipart,
                        uploads,
                        expiry,
                        checksum == null,
                        this::fail,
                        this::partLanded);
        // Whatever ended the request, the part being filled is no longer read by anyone then.
        done.future().onComplete(ended -> parts.release());
    }

    /** Bytes this request added to the upload (before any checksum verdict). */
    long received() {
        return received;
    }

    /** Every stored part in order; complete once {@link #receive} ended with COMPLETE. */
    List<CompletedPart> parts() {
        return parts.all();
    }

    /** Reads the request's body; {@code bodyEnded} is told once the body stopped arriving. */
    Future<Outcome> receive(HttpServerRequest request, Runnable bodyEnded) {
        this.request = request;
        this.bodyEnded = bodyEnded;
        return parts.loadTail()
                .compose(
                        v -> {
                            consume();
                            return done.future();
                        });
    }

    /** Reads a small stream (a tail, under one part) into memory. */
    static Future<Buffer> readAll(ReadStream<Buffer> body) {
        Promise<Buffer> read = Promise.promise();
        Buffer all = Buffer.buffer();
        body.handler(all::appendBuffer);
        body.exceptionHandler(read::tryFail);
        body.endHandler(v -> read.tryComplete(all));
        body.resume();
        return read.future();
    }

    private void consume() {
        long room = upload.room(maxUploadBytes);
        request.handler(
                chunk -> {
                    if (settling) {
                        return;
                    }
                    if (received + chunk.length() > room) {
                        settling = true;
                        request.pause();
                        bodyEnded.run();
                        afterInFlight(() -> Future.succeededFuture(Outcome.TOO_LONG));
                        return;
                    }
                    received += chunk.length();
                    if (digest != null) {
                        digest.update(((BufferInternal) chunk).getByteBuf().nioBuffer());
                    }
                    parts.append(chunk);
                    if (parts.inFlight() >= PARTS_IN_FLIGHT) {
                        request.pause();
                    }
                });
        request.exceptionHandler(e -> settle(false));
        request.response().closeHandler(v -> settle(false));
        request.endHandler(v -> settle(true));
        request.resume();
    }

    private void partLanded() {
        if (!settling && parts.inFlight() < PARTS_IN_FLIGHT) {
            request.resume();
        }
    }

    /** Waits for every part in flight and every pending save, then runs {@code next}. */
    private void afterInFlight(Supplier<Future<Outcome>> next) {
        parts.quiet().compose(v -> next.get()).onSuccess(done::tryComplete).onFailure(this::fail);
    }

    private void settle(boolean ended) {
        if (settling) {
            return;
        }
        settling = true;
        bodyEnded.run();
        afterInFlight(ended ? this::finish : this::keepWhatArrived);
    }

    private Future<Outcome> keepWhatArrived() {
        if (digest != null) {
            // A chunk that cannot be verified is discarded, as the checksum extension requires.
            return Future.succeededFuture(Outcome.INTERRUPTED);
        }
        return parts.storeTail().map(Outcome.INTERRUPTED);
    }

    private Future<Outcome> finish() {
        if (digest != null && !MessageDigest.isEqual(digest.digest(), expectedDigest)) {
            return Future.succeededFuture(Outcome.CHECKSUM_MISMATCH);
        }
        if (!upload.completedBy(received)) {
            return parts.storeTail().map(Outcome.STORED);
        }
        return parts.sendLast().map(Outcome.COMPLETE);
    }

    private void fail(Throwable error) {
        settling = true;
        done.tryFail(error);
    }
}
