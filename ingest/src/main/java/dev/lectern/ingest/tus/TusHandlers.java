package dev.lectern.ingest.tus;

import dev.lectern.catalog.access.CourseAccess;
import dev.lectern.infra.auth.Authentication;
import dev.lectern.infra.auth.Identity;
import dev.lectern.infra.http.ApiException;
import dev.lectern.infra.http.CommonProblem;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/**
 * The tus 1.0.0 verbs on an existing upload: HEAD, PATCH and DELETE. Creation is {@link
 * UploadCreation}; bodies are written by {@link BodyWriter}.
 */
final class TusHandlers {
    private final UploadStore uploads;
    private final CourseAccess access;
    private final UploadLocking locking;
    private final BodyWriter writer;
    private final UploadDisposal disposal;

    TusHandlers(
            UploadStore uploads,
            CourseAccess access,
            UploadLocking locking,
            BodyWriter writer,
            UploadDisposal disposal) {
        this.uploads = uploads;
        this.access = access;
        this.locking = locking;
        this.writer = writer;
        this.disposal = disposal;
    }

    void head(RoutingContext ctx) {
        authorized(ctx).onSuccess(upload -> describe(ctx, upload)).onFailure(ctx::fail);
    }

    void patch(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        TusRequests.requireOffsetStream(request);
        long clientOffset = TusRequests.longHeader(request, "Upload-Offset");
        Checksum checksum = Checksum.parse(request.getHeader("Upload-Checksum"));
        authorized(ctx)
                .compose(
                        upload -> {
                            if (clientOffset != upload.offset()) {
                                return Future.failedFuture(TusProblems.mismatch(upload.offset()));
                            }
                            ctx.response().setStatusCode(204);
                            return writer.write(ctx, upload, checksum);
                        })
                .onFailure(ctx::fail);
    }

    void delete(RoutingContext ctx) {
        authorized(ctx)
                .compose(found -> locking.withLock(found.id(), this::terminate))
                .onSuccess(v -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    /** The upload's offset and length: 410 for one that can take no bytes and is not complete. */
    private void describe(RoutingContext ctx, Upload upload) {
        if (!upload.receiving() && !upload.status().equals("complete") || upload.expired()) {
            ctx.fail(TusProblems.gone());
            return;
        }
        HttpServerResponse response = ctx.response();
        response.putHeader("Upload-Offset", Long.toString(upload.offset()))
                .putHeader("Cache-Control", "no-store");
        if (upload.lengthKnown()) {
            response.putHeader("Upload-Length", Long.toString(upload.length()));
        } else {
            response.putHeader("Upload-Defer-Length", "1");
        }
        if (!upload.metadata().isEmpty()) {
            response.putHeader("Upload-Metadata", upload.metadata());
        }
        if (upload.receiving()) {
            TusRequests.expires(response, upload.expiresAt());
        }
        response.setStatusCode(200).end();
    }

    /** Ends an unfinished upload for good (the caller holds its lock). */
    private Future<Void> terminate(Upload upload) {
        if (upload.receiving() && !upload.expired()) {
            return disposal.dispose(upload, "terminated");
        }
        return Future.failedFuture(
                upload.status().equals("complete")
                        ? new ApiException(
                                CommonProblem.CONFLICT,
                                "The upload is complete; delete the lecture instead.")
                        : TusProblems.gone());
    }

    /** The upload named in the path, if it exists and the caller teaches its course. */
    private Future<Upload> authorized(RoutingContext ctx) {
        UUID id;
        try {
            id = UUID.fromString(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(TusProblems.notFound());
        }
        Identity identity = Authentication.identity(ctx);
        return uploads.find(id)
                .compose(
                        found ->
                                found.map(Future::succeededFuture)
                                        .orElseGet(
                                                () -> Future.failedFuture(TusProblems.notFound())))
                .compose(
                        upload ->
                                access.requireLectureTeacher(identity, upload.lectureId())
                                        .transform(
                                                allowed ->
                                                        allowed.succeeded()
                                                                ? Future.succeededFuture(upload)
                                                                : Future.failedFuture(
                                                                        TusProblems.notFound())));
    }
}
