package dev.lectern.ingest.tus;

import dev.lectern.catalog.StorageKeys;
import dev.lectern.catalog.access.CourseAccess;
import dev.lectern.catalog.lifecycle.LectureLifecycle;
import dev.lectern.infra.auth.Authentication;
import dev.lectern.infra.auth.Identity;
import dev.lectern.infra.http.ApiException;
import dev.lectern.infra.http.CommonProblem;
import dev.lectern.infra.storage.MultipartStore;
import dev.lectern.infra.storage.ObjectStore;
import dev.lectern.ingest.IngestConfig;
import dev.lectern.ingest.IngestProblem;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The tus 1.0.0 verbs: POST (creation, creation-with-upload), HEAD, PATCH and DELETE. */
final class TusHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(TusHandlers.class);
    static final String OFFSET_STREAM = "application/offset+octet-stream";
    static final String BASE_PATH = "/api/v1/uploads/";

    private final ObjectStore objects;
    private final MultipartStore multipart;
    private final UploadStore uploads;
    private final CourseAccess access;
    private final LectureLifecycle lifecycle;
    private final UploadCompletion completion;
    private final UploadDisposal disposal;
    private final IngestConfig config;

    TusHandlers(
            ObjectStore objects,
            MultipartStore multipart,
            UploadStore uploads,
            CourseAccess access,
            LectureLifecycle lifecycle,
            UploadCompletion completion,
            IngestConfig config) {
        this.objects = objects;
        this.multipart = multipart;
        this.uploads = uploads;
        this.access = access;
        this.lifecycle = lifecycle;
        this.completion = completion;
        this.config = config;
        this.disposal = new UploadDisposal(objects, multipart, uploads, lifecycle);
    }

    void create(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Identity identity = Authentication.identity(ctx);
        if (request.getHeader("Upload-Defer-Length") != null) {
            throw invalid("Upload-Defer-Length is not supported: send Upload-Length.");
        }
        long length = longHeader(request, "Upload-Length");
        if (length > config.maxUploadBytes()) {
            throw new ApiException(
                    IngestProblem.UPLOAD_TOO_LARGE,
                    "Uploads may be at most " + config.maxUploadBytes() + " bytes.");
        }
        UploadMetadata metadata = UploadMetadata.parse(request.getHeader("Upload-Metadata"));
        boolean withBody = hasBody(request);
        if (withBody && !OFFSET_STREAM.equals(contentType(request))) {
            throw new ApiException(
                    IngestProblem.WRONG_CONTENT_TYPE, "Send the body as " + OFFSET_STREAM + ".");
        }
        Checksum checksum = withBody ? Checksum.parse(request.getHeader("Upload-Checksum")) : null;
        UUID lectureId = metadata.lectureId();
        String key = StorageKeys.source(lectureId);
        access.requireLectureTeacher(identity, lectureId)
                .compose(lecture -> lifecycle.beginUpload(lectureId))
                .compose(
                        v ->
                                multipart
                                        .startMultipart(key, metadata.filetype())
                                        .compose(
                                                multipartId ->
                                                        uploads.create(
                                                                lectureId,
                                                                key,
                                                                multipartId,
                                                                key + ".tail",
                                                                multipart.partSize(),
                                                                length,
                                                                metadata.filename(),
                                                                metadata.filetype(),
                                                                metadata.raw(),
                                                                config.uploadExpiry(),
                                                                identity.userId()))
                                        .recover(
                                                e ->
                                                        lifecycle
                                                                .abandonUpload(lectureId)
                                                                .transform(
                                                                        x ->
                                                                                Future.failedFuture(
                                                                                        e))))
                .compose(
                        upload -> {
                            HttpServerResponse response = ctx.response();
                            response.putHeader("Location", BASE_PATH + upload.id());
                            if (!withBody && length > 0) {
                                expires(response, upload);
                                response.setStatusCode(201).end();
                                return Future.succeededFuture();
                            }
                            response.setStatusCode(201);
                            return writeLocked(ctx, upload, checksum);
                        })
                .onFailure(ctx::fail);
    }

    void head(RoutingContext ctx) {
        authorized(ctx)
                .onSuccess(
                        upload -> {
                            HttpServerResponse response = ctx.response();
                            if (!upload.receiving() && !upload.status().equals("complete")
                                    || upload.expired()) {
                                ctx.fail(gone());
                                return;
                            }
                            response.putHeader("Upload-Offset", Long.toString(upload.offset()))
                                    .putHeader("Upload-Length", Long.toString(upload.length()))
                                    .putHeader("Cache-Control", "no-store");
                            if (!upload.metadata().isEmpty()) {
                                response.putHeader("Upload-Metadata", upload.metadata());
                            }
                            if (upload.receiving()) {
                                expires(response, upload);
                            }
                            response.setStatusCode(200).end();
                        })
                .onFailure(ctx::fail);
    }

    void patch(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!OFFSET_STREAM.equals(contentType(request))) {
            throw new ApiException(
                    IngestProblem.WRONG_CONTENT_TYPE, "Send the body as " + OFFSET_STREAM + ".");
        }
        long clientOffset = longHeader(request, "Upload-Offset");
        Checksum checksum = Checksum.parse(request.getHeader("Upload-Checksum"));
        authorized(ctx)
                .compose(
                        upload -> {
                            if (clientOffset != upload.offset()) {
                                return Future.failedFuture(mismatch(upload.offset()));
                            }
                            ctx.response().setStatusCode(204);
                            return writeLocked(ctx, upload, checksum);
                        })
                .onFailure(ctx::fail);
    }

    void delete(RoutingContext ctx) {
        authorized(ctx)
                .compose(
                        found ->
                                withLock(
                                        found.id(),
                                        upload -> {
                                            if (!upload.receiving() || upload.expired()) {
                                                return Future.failedFuture(
                                                        upload.status().equals("complete")
                                                                ? new ApiException(
                                                                        CommonProblem.CONFLICT,
                                                                        "The upload is complete;"
                                                                                + " delete the"
                                                                                + " lecture"
                                                                                + " instead.")
                                                                : gone());
                                            }
                                            return disposal.dispose(upload, "terminated");
                                        }))
                .onSuccess(v -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    /** Receives a body under the upload's lock, then answers with the new offset. */
    private Future<Void> writeLocked(RoutingContext ctx, Upload found, Checksum checksum) {
        HttpServerRequest request = ctx.request();
        String declared = request.getHeader("Content-Length");
        if (declared != null && parseLong(declared) > found.length() - found.offset()) {
            return Future.failedFuture(
                    new ApiException(
                            IngestProblem.UPLOAD_TOO_LARGE,
                            "The body is longer than the bytes the upload still expects."));
        }
        // The answer is written only after the lock is released: a client that sends its next
        // request the moment it reads this one's answer must not find the upload still locked.
        return withLock(
                        found.id(),
                        upload -> {
                            if (!upload.receiving() || upload.expired()) {
                                return Future.failedFuture(gone());
                            }
                            if (upload.offset() != found.offset()) {
                                return Future.failedFuture(mismatch(upload.offset()));
                            }
                            ChunkReceiver receiver =
                                    new ChunkReceiver(
                                            upload,
                                            objects,
                                            multipart,
                                            uploads,
                                            config.uploadExpiry(),
                                            checksum);
                            return receiver.receive(request)
                                    .compose(outcome -> answer(ctx, upload, receiver, outcome));
                        })
                .map(
                        reply -> {
                            reply.run();
                            return null;
                        });
    }

    /** What to answer, decided under the lock and written once it is released. */
    private Future<Runnable> answer(
            RoutingContext ctx,
            Upload upload,
            ChunkReceiver receiver,
            ChunkReceiver.Outcome outcome) {
        HttpServerResponse response = ctx.response();
        long offset = upload.offset() + receiver.received();
        return switch (outcome) {
            case INTERRUPTED -> Future.succeededFuture(() -> {});
            case CHECKSUM_MISMATCH ->
                    Future.failedFuture(
                            new ApiException(
                                    IngestProblem.CHECKSUM_MISMATCH,
                                    "Upload-Offset stays at " + upload.offset() + "."));
            case TOO_LONG ->
                    Future.failedFuture(
                            new ApiException(
                                    IngestProblem.UPLOAD_TOO_LARGE,
                                    "The body is longer than the bytes the upload still expects."));
            case STORED ->
                    Future.succeededFuture(
                            () -> {
                                response.putHeader("Upload-Offset", Long.toString(offset));
                                expires(response, OffsetDateTime.now().plus(config.uploadExpiry()));
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

    /** The upload named in the path, if it exists and the caller teaches its course. */
    private Future<Upload> authorized(RoutingContext ctx) {
        UUID id;
        try {
            id = UUID.fromString(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(notFound());
        }
        Identity identity = Authentication.identity(ctx);
        return uploads.find(id)
                .compose(
                        found -> {
                            if (found.isEmpty()) {
                                return Future.failedFuture(notFound());
                            }
                            Upload upload = found.get();
                            return access.requireLectureTeacher(identity, upload.lectureId())
                                    .transform(
                                            r ->
                                                    r.succeeded()
                                                            ? Future.succeededFuture(upload)
                                                            : Future.failedFuture(notFound()));
                        });
    }

    /** Runs {@code action} on the freshly read upload while holding its cross-process lock. */
    private <T> Future<T> withLock(UUID id, java.util.function.Function<Upload, Future<T>> action) {
        return uploads.tryLock(id)
                .compose(
                        lock -> {
                            if (lock.isEmpty()) {
                                return Future.failedFuture(
                                        new ApiException(
                                                IngestProblem.UPLOAD_LOCKED,
                                                "Another request is writing to this upload."));
                            }
                            return uploads.find(id)
                                    .compose(fresh -> action.apply(fresh.orElseThrow()))
                                    .eventually(() -> lock.get().release());
                        });
    }

    private static void expires(HttpServerResponse response, Upload upload) {
        expires(response, upload.expiresAt());
    }

    private static void expires(HttpServerResponse response, OffsetDateTime at) {
        response.putHeader(
                "Upload-Expires",
                DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atZoneSameInstant(ZoneOffset.UTC)));
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        return (length != null && parseLong(length) > 0)
                || request.getHeader("Transfer-Encoding") != null;
    }

    private static String contentType(HttpServerRequest request) {
        String type = request.getHeader("Content-Type");
        return type == null ? "" : type.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
    }

    private static long longHeader(HttpServerRequest request, String name) {
        String value = request.getHeader(name);
        long parsed = value == null ? -1 : parseLong(value);
        if (parsed < 0) {
            throw invalid(name + " must be a whole number of bytes, 0 or more.");
        }
        return parsed;
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static ApiException mismatch(long offset) {
        return new ApiException(
                IngestProblem.OFFSET_MISMATCH,
                "The upload is at offset " + offset + ".",
                new io.vertx.core.json.JsonObject().put("uploadOffset", offset));
    }

    private static ApiException invalid(String detail) {
        return new ApiException(IngestProblem.INVALID_UPLOAD_REQUEST, detail);
    }

    private static ApiException notFound() {
        return new ApiException(IngestProblem.UPLOAD_NOT_FOUND, "No such upload.");
    }

    private static ApiException gone() {
        return new ApiException(IngestProblem.UPLOAD_EXPIRED, "The upload is no longer available.");
    }
}
