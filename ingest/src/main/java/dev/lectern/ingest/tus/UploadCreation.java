package dev.lectern.ingest.tus;

import dev.lectern.catalog.StorageKeys;
import dev.lectern.catalog.access.CourseAccess;
import dev.lectern.catalog.lifecycle.LectureLifecycle;
import dev.lectern.infra.auth.Authentication;
import dev.lectern.infra.auth.Identity;
import dev.lectern.infra.storage.MultipartStore;
import dev.lectern.ingest.IngestConfig;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/**
 * tus creation (POST), with creation-with-upload: a teacher of the lecture named in the metadata
 * starts its upload, which is an S3 multipart upload and a row; a body sent along is written as a
 * first PATCH would be.
 */
final class UploadCreation {
    static final String BASE_PATH = "/api/v1/uploads/";

    private final MultipartStore multipart;
    private final UploadStore uploads;
    private final CourseAccess access;
    private final LectureLifecycle lifecycle;
    private final BodyWriter writer;
    private final IngestConfig config;

    UploadCreation(
            MultipartStore multipart,
            UploadStore uploads,
            CourseAccess access,
            LectureLifecycle lifecycle,
            BodyWriter writer,
            IngestConfig config) {
        this.multipart = multipart;
        this.uploads = uploads;
        this.access = access;
        this.lifecycle = lifecycle;
        this.writer = writer;
        this.config = config;
    }

    /**
     * What a creation request asks for, read and checked before anything is stored; {@code length}
     * is null when the client defers it.
     */
    private record Creation(
            Long length, UploadMetadata metadata, boolean withBody, Checksum checksum) {}

    void create(RoutingContext ctx) {
        Identity identity = Authentication.identity(ctx);
        Creation creation = creation(ctx.request());
        UUID lectureId = creation.metadata().lectureId();
        access.requireLectureTeacher(identity, lectureId)
                .compose(lecture -> lifecycle.beginUpload(lectureId))
                .compose(v -> open(creation, identity))
                .compose(upload -> created(ctx, creation, upload))
                .onFailure(ctx::fail);
    }

    private Creation creation(HttpServerRequest request) {
        Long length = TusRequests.declaredLength(request, config.maxUploadBytes());
        UploadMetadata metadata = UploadMetadata.parse(request.getHeader("Upload-Metadata"));
        boolean withBody = TusRequests.hasBody(request);
        if (withBody) {
            TusRequests.requireOffsetStream(request);
        }
        Checksum checksum = withBody ? Checksum.parse(request.getHeader("Upload-Checksum")) : null;
        return new Creation(length, metadata, withBody, checksum);
    }

    /**
     * Starts the S3 multipart upload and records it; when either fails, the lecture stops waiting
     * for this upload.
     */
    private Future<Upload> open(Creation creation, Identity identity) {
        UploadMetadata metadata = creation.metadata();
        UUID lectureId = metadata.lectureId();
        String key = StorageKeys.source(lectureId);
        return multipart
                .startMultipart(key, metadata.filetype())
                .compose(
                        multipartId ->
                                uploads.create(
                                        lectureId,
                                        key,
                                        multipartId,
                                        key + ".tail",
                                        multipart.partSize(),
                                        creation.length(),
                                        metadata.filename(),
                                        metadata.filetype(),
                                        metadata.raw(),
                                        config.uploadExpiry(),
                                        identity.userId()))
                .recover(
                        e ->
                                lifecycle
                                        .abandonUpload(lectureId)
                                        .transform(x -> Future.failedFuture(e)));
    }

    /** 201 with the upload's address, once a body sent along (or an empty file's) is written. */
    private Future<Void> created(RoutingContext ctx, Creation creation, Upload upload) {
        HttpServerResponse response = ctx.response();
        response.putHeader("Location", BASE_PATH + upload.id()).setStatusCode(201);
        if (!creation.withBody() && !Long.valueOf(0).equals(creation.length())) {
            TusRequests.expires(response, upload.expiresAt());
            response.end();
            return Future.succeededFuture();
        }
        return writer.write(ctx, upload, creation.checksum());
    }
}
