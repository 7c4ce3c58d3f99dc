package dev.lectern.catalog.media;

import dev.lectern.catalog.MediaDeliveryConfig;
import dev.lectern.infra.storage.ByteRange;
import dev.lectern.infra.storage.ObjectStore;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Stored files sent as they are (segments, images, downloads, caption files): streamed from the
 * bucket with byte ranges, or handed off to S3 with a redirect when delivery is set to redirect.
 */
final class FileDelivery {
    private final ObjectStore store;
    private final MediaDeliveryConfig delivery;

    FileDelivery(ObjectStore store, MediaDeliveryConfig delivery) {
        this.store = store;
        this.delivery = delivery;
    }

    /** Answers with the object at {@code key}; {@code path} (its name) decides type and caching. */
    Future<Void> serve(RoutingContext ctx, String key, String path) {
        if (delivery.redirect()) {
            return redirect(ctx, key);
        }
        if (ctx.request().method() == HttpMethod.HEAD) {
            return head(ctx, key, path);
        }
        return raw(ctx, key, path);
    }

    /**
     * Hands the bytes off to S3: a presigned URL that outlives the redirect's own caching, so a
     * player that caches the redirect never follows it to an expired signature.
     */
    private Future<Void> redirect(RoutingContext ctx, String key) {
        // Presigning is local HMAC work (no S3 round trip), cheap enough for the event loop.
        String url = store.presignGet(key, delivery.presignLifetime()).toString();
        long maxAge = delivery.presignLifetime().toSeconds() / 2;
        return ctx.response()
                .setStatusCode(302)
                .putHeader(HttpHeaders.LOCATION, url)
                .putHeader(HttpHeaders.CACHE_CONTROL, "private, max-age=" + maxAge)
                .end();
    }

    private Future<Void> head(RoutingContext ctx, String key, String path) {
        return store.head(key)
                .compose(
                        info -> {
                            if (info.isEmpty()) {
                                return Future.failedFuture(MediaAnswers.notFound());
                            }
                            return fileHeaders(ctx, path, info.get(), info.get().size()).end();
                        });
    }

    /** Headers of a stored file sent as it is: type, caching, length, ETag, range support. */
    private static HttpServerResponse fileHeaders(
            RoutingContext ctx, String path, ObjectStore.ObjectInfo info, long length) {
        HttpServerResponse response =
                MediaAnswers.typed(ctx, path)
                        .putHeader(HttpHeaders.ACCEPT_RANGES, "bytes")
                        .putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(length));
        if (info.etag() != null) {
            response.putHeader(HttpHeaders.ETAG, info.etag());
        }
        return response;
    }

    private Future<Void> raw(RoutingContext ctx, String key, String path) {
        Optional<ByteRange> range = ByteRange.parseHeader(ctx.request().getHeader("Range"));
        return store.get(key, range.orElse(ByteRange.ALL))
                .recover(
                        error ->
                                range.isPresent()
                                        ? unsatisfiable(ctx, key, range.get(), error)
                                        : Future.failedFuture(error))
                .compose(
                        found -> {
                            if (found == null) {
                                return Future.succeededFuture();
                            }
                            if (found.isEmpty()) {
                                return Future.failedFuture(MediaAnswers.notFound());
                            }
                            ObjectStore.StoredObject object = found.get();
                            HttpServerResponse response =
                                    fileHeaders(ctx, path, object.info(), object.range().length());
                            if (object.range().partial()) {
                                response.setStatusCode(206)
                                        .putHeader(
                                                HttpHeaders.CONTENT_RANGE,
                                                object.range().contentRange());
                            }
                            return object.body().pipeTo(response);
                        });
    }

    /**
     * S3 refused the range: answer 416 with the size when the object exists (then the result is
     * null: answered), else empty (404).
     */
    private Future<Optional<ObjectStore.StoredObject>> unsatisfiable(
            RoutingContext ctx, String key, ByteRange range, Throwable error) {
        return store.head(key)
                .compose(
                        info -> {
                            if (info.isEmpty()) {
                                return Future.succeededFuture(Optional.empty());
                            }
                            if (range.satisfiable(info.get().size())) {
                                return Future.failedFuture(error);
                            }
                            ctx.response()
                                    .setStatusCode(416)
                                    .putHeader(
                                            HttpHeaders.CONTENT_RANGE,
                                            "bytes */" + info.get().size())
                                    .end();
                            return Future.succeededFuture(null);
                        });
    }
}
