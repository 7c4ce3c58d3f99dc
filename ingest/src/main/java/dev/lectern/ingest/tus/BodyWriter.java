package dev.lectern.ingest.tus;

import dev.lectern.infra.http.ApiException;
import dev.lectern.infra.http.RequestDeadline;
import dev.lectern.infra.storage.MultipartStore;
import dev.lectern.infra.storage.ObjectStore;
import dev.lectern.ingest.IngestConfig;
import dev.lectern.ingest.IngestProblem;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a request's body (a PATCH, or a creation-with-upload POST) into an upload under the
 * upload's lock, and answers with the new offset once the lock is released: a client that sends its
 * next request the moment it reads this one's answer must not find the upload still locked. The
 * last byte makes the upload complete, and its source is judged at once.
 */
final class BodyWriter {
    private static final Logger LOG = LoggerFactory.getLogger(BodyWriter.class);

    private final ObjectStore objects;
    private final MultipartStore multipart;
    private final UploadStore uploads;
    private final UploadLocking locking;
    private final UploadCompletion completion;
    private final IngestConfig config;

    BodyWriter(
            ObjectStore objects,
            MultipartStore multipart,
            UploadStore uploads,
            UploadLocking locking,
            UploadCompletion completion,
            IngestConfig config) {
        this.objects = objects;
        this.multipart = multipart;
        this.uploads = uploads;
        this.locking = locking;
        this.completion = completion;
        this.config = config;
    }

    /** Writes the body at {@code found}'s offset; the caller set the answer's status. */
    Future<Void> write(RoutingContext ctx, Upload found, Checksum checksum) {
        if (TusRequests.longerThan(ctx.request(), found.room(config.maxUploadBytes()))) {
            return Future.failedFuture(TusProblems.tooLong());
        }
        return locking.withLock(
                        found.id(),
                        locked ->
                                declareLength(ctx, locked)
                                        .compose(upload -> receive(ctx, found, upload, checksum)))
                .map(
                        reply -> {
                            reply.run();
                            return null;
                        });
    }

    /**
     * An upload created with a deferred length learns it from the first request that sends {@code
     * Upload-Length} (tus creation-defer-length); once known, it never changes.
     */
    private Future<Upload> declareLength(RoutingContext ctx, Upload upload) {
        String header = ctx.request().getHeader("Upload-Length");
        if (header == null) {
            return Future.succeededFuture(upload);
        }
        long declared = TusRequests.longHeader(ctx.request(), "Upload-Length");
        if (upload.lengthKnown()) {
            return declared == upload.length()
                    ? Future.succeededFuture(upload)
                    : Future.failedFuture(
                            TusProblems.invalid(
                                    "Upload-Length is " + upload.length() + " and cannot change."));
        }
        TusRequests.requireWithinLimit(declared, config.maxUploadBytes());
        if (declared < upload.offset()) {
            return Future.failedFuture(
                    TusProblems.invalid(
                            "Upload-Length "
                                    + declared
                                    + " is less than the "
                                    + upload.offset()
                                    + " bytes already received."));
        }
        return uploads.declareLength(upload.id(), declared).map(v -> upload.withLength(declared));
    }

    /** Streams the body into the locked upload; answers what to reply once it is unlocked. */
    private Future<Runnable> receive(
            RoutingContext ctx, Upload found, Upload upload, Checksum checksum) {
        if (!upload.receiving() || upload.expired()) {
            return Future.failedFuture(TusProblems.gone());
        }
        if (upload.offset() != found.offset()) {
            return Future.failedFuture(TusProblems.mismatch(upload.offset()));
        }
        if (ctx.response().ended() || ctx.response().closed()) {
            // Answered 503 while waiting for the lock (its body was let through unread), or
            // the client left: there is nothing to receive.
            return Future.succeededFuture(() -> {});
        }
        if (TusRequests.longerThan(ctx.request(), upload.room(config.maxUploadBytes()))) {
            return Future.failedFuture(TusProblems.tooLong());
        }
        ChunkReceiver receiver =
                new ChunkReceiver(
                        upload,
                        objects,
                        multipart,
                        uploads,
                        config.uploadExpiry(),
                        config.maxUploadBytes(),
                        checksum);
        // The client sends the body at its own pace (a slow uplink may take minutes); the answer's
        // deadline starts again once the body has ended.
        RequestDeadline.suspend(ctx);
        return receiver.receive(ctx.request(), () -> RequestDeadline.restart(ctx))
                .compose(outcome -> reply(ctx.response(), upload, receiver, outcome));
    }

    private Future<Runnable> reply(
            HttpServerResponse response,
            Upload upload,
            ChunkReceiver receiver,
            ChunkReceiver.Outcome outcome) {
        long offset = upload.offset() + receiver.received();
        return switch (outcome) {
            case INTERRUPTED -> Future.succeededFuture(() -> {});
            case CHECKSUM_MISMATCH ->
                    Future.failedFuture(
                            new ApiException(
                                    IngestProblem.CHECKSUM_MISMATCH,
                                    "Upload-Offset stays at " + upload.offset() + "."));
            case TOO_LONG -> Future.failedFuture(TusProblems.tooLong());
            case STORED ->
                    Future.succeededFuture(
                            () -> {
                                response.putHeader("Upload-Offset", Long.toString(offset));
                                TusRequests.expires(
                                        response, OffsetDateTime.now().plus(config.uploadExpiry()));
                                response.end();
                            });
            case COMPLETE ->
                    uploads.markComplete(upload, receiver.parts())
                            .map(
                                    v ->
                                            () -> {
                                                response.putHeader(
                                                        "Upload-Offset",
                                                        Long.toString(upload.length()));
                                                response.end();
                                                judgeNow(upload);
                                            });
        };
    }

    /** Judged right away here; if this process dies first, the job enqueued with "complete" does it. */
    private void judgeNow(Upload upload) {
        completion
                .finish(upload.id())
                .onFailure(
                        e ->
                                LOG.warn(
                                        "judging upload {} failed, its job will retry: {}",
                                        upload.id(),
                                        e.toString()));
    }
}
