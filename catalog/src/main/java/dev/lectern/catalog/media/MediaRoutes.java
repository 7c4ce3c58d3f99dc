package dev.lectern.catalog.media;

import dev.lectern.catalog.CatalogProblem;
import dev.lectern.catalog.MediaDeliveryConfig;
import dev.lectern.catalog.StorageKeys;
import dev.lectern.infra.http.ApiException;
import dev.lectern.infra.storage.ByteRange;
import dev.lectern.infra.storage.ObjectStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /media/{lectureId}/{path}?token=…}: a lecture's media from the bucket. The token
 * (from the playback response) is the whole authorization; it is bound to the lecture in the URL.
 * Paths are matched against the only shapes Lectern writes, so nothing else in the bucket (the
 * original upload, other lectures) can be reached, whatever dots or slashes a client sends.
 */
public final class MediaRoutes {
    private static final Pattern PATH =
            Pattern.compile(
                    "^/media/([0-9a-fA-F-]{36})/(v[1-9][0-9]{0,8}/(?:[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}/){0,3}"
                            + "[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}|captions/[0-9a-f-]{36}\\.(?:vtt|m3u8))$");
    private static final String CAPTIONS =
            "SELECT c.id, c.language, c.label, c.is_default, l.duration_seconds FROM lectures l"
                    + " LEFT JOIN captions c ON c.lecture_id = l.id WHERE l.id = $1"
                    + " ORDER BY c.is_default DESC, c.created_at";

    private final Pool pool;
    private final ObjectStore store;
    private final MediaTokens tokens;
    private final MediaDeliveryConfig delivery;

    public MediaRoutes(
            Pool pool, ObjectStore store, MediaTokens tokens, MediaDeliveryConfig delivery) {
        this.pool = pool;
        this.store = store;
        this.tokens = tokens;
        this.delivery = delivery;
    }

    public void mount(Router root) {
        root.get("/media/:lectureId/*").handler(this::serve);
        // HEAD answers like GET without a body (Vert.x drops it), so players and download
        // managers can learn sizes; raw objects are answered from S3 metadata alone.
        root.head("/media/:lectureId/*").handler(this::serve);
    }

    private void serve(RoutingContext ctx) {
        Matcher m = PATH.matcher(ctx.request().path());
        if (!m.matches() || m.group(2).contains("..")) {
            throw new ApiException(CatalogProblem.MEDIA_NOT_FOUND, "No such media file.");
        }
        UUID lectureId;
        try {
            lectureId = UUID.fromString(m.group(1));
        } catch (IllegalArgumentException e) {
            throw new ApiException(CatalogProblem.MEDIA_NOT_FOUND, "No such media file.");
        }
        String path = m.group(2);
        String token = ctx.queryParams().get("token");
        tokens.verify(token, lectureId, Instant.now())
                .compose(
                        user -> {
                            if (user.isEmpty()) {
                                return Future.failedFuture(
                                        new ApiException(
                                                CatalogProblem.MEDIA_TOKEN_INVALID,
                                                "Ask the playback endpoint for a fresh link."));
                            }
                            if (path.startsWith("captions/") && path.endsWith(".m3u8")) {
                                return captionPlaylist(ctx, lectureId, path, token);
                            }
                            if (MediaTypes.isRewritten(path)) {
                                return rewritten(ctx, lectureId, path, token);
                            }
                            String key = StorageKeys.lecturePrefix(lectureId) + path;
                            if (delivery.redirect()) {
                                return redirect(ctx, key);
                            }
                            if (ctx.request().method() == HttpMethod.HEAD) {
                                return head(ctx, key, path);
                            }
                            return raw(ctx, key, path);
                        })
                .onFailure(ctx::fail);
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
                                return Future.failedFuture(notFound());
                            }
                            return fileHeaders(ctx, path, info.get(), info.get().size()).end();
                        });
    }

    private static HttpServerResponse headers(RoutingContext ctx, String path) {
        return ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, MediaTypes.contentType(path))
                .putHeader(HttpHeaders.CACHE_CONTROL, MediaTypes.cacheControl(path));
    }

    /** Headers of a stored file sent as it is: type, caching, length, ETag, range support. */
    private static HttpServerResponse fileHeaders(
            RoutingContext ctx, String path, ObjectStore.ObjectInfo info, long length) {
        HttpServerResponse response =
                headers(ctx, path)
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
                                return Future.failedFuture(notFound());
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

    /** S3 refused the range: answer 416 with the size when the object exists, else 404. */
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

    private Future<Void> rewritten(RoutingContext ctx, UUID lectureId, String path, String token) {
        String key = StorageKeys.lecturePrefix(lectureId) + path;
        Future<List<PlaylistRewriter.Track>> tracks =
                path.endsWith(".vtt")
                        ? Future.succeededFuture(List.of())
                        : captions(lectureId).map(CaptionInfo::tracks);
        return tracks.compose(
                captions ->
                        store.get(key, ByteRange.ALL)
                                .compose(
                                        found -> {
                                            if (found.isEmpty()) {
                                                return Future.failedFuture(notFound());
                                            }
                                            // Playlists are small; read whole on this context,
                                            // handlers attached at once.
                                            return readAll(found.get().body());
                                        })
                                .map(
                                        body -> {
                                            String text = body.toString();
                                            String out =
                                                    path.endsWith(".m3u8")
                                                            ? PlaylistRewriter.hls(
                                                                    text, token, captions)
                                                            : path.endsWith(".mpd")
                                                                    ? PlaylistRewriter.dash(
                                                                            text, token, captions)
                                                                    : PlaylistRewriter.thumbnails(
                                                                            text, token);
                                            send(ctx, path, out);
                                            return null;
                                        }));
    }

    private Future<Void> captionPlaylist(
            RoutingContext ctx, UUID lectureId, String path, String token) {
        String captionId = path.substring("captions/".length(), path.length() - ".m3u8".length());
        return captions(lectureId)
                .compose(
                        info -> {
                            boolean known =
                                    info.tracks().stream().anyMatch(t -> t.id().equals(captionId));
                            if (!known) {
                                return Future.failedFuture(notFound());
                            }
                            send(
                                    ctx,
                                    path,
                                    PlaylistRewriter.captionPlaylist(
                                            captionId, info.duration(), token));
                            return Future.succeededFuture();
                        });
    }

    private record CaptionInfo(List<PlaylistRewriter.Track> tracks, double duration) {}

    private Future<CaptionInfo> captions(UUID lectureId) {
        return pool.preparedQuery(CAPTIONS)
                .execute(Tuple.of(lectureId))
                .map(
                        rows -> {
                            List<PlaylistRewriter.Track> tracks = new ArrayList<>();
                            double duration = 0;
                            for (Row row : rows) {
                                Double d = row.getDouble("duration_seconds");
                                duration = d == null ? 0 : d;
                                if (row.getUUID("id") != null) {
                                    tracks.add(
                                            new PlaylistRewriter.Track(
                                                    row.getUUID("id").toString(),
                                                    row.getString("language"),
                                                    row.getString("label"),
                                                    row.getBoolean("is_default")));
                                }
                            }
                            return new CaptionInfo(tracks, duration);
                        });
    }

    /** Reads a small object whole; handlers first, then demand, so no chunk or end is missed. */
    private static Future<Buffer> readAll(ReadStream<Buffer> body) {
        Promise<Buffer> promise = Promise.promise();
        Buffer all = Buffer.buffer();
        body.exceptionHandler(promise::tryFail);
        body.endHandler(v -> promise.tryComplete(all));
        body.handler(all::appendBuffer);
        body.resume();
        return promise.future();
    }

    private static void send(RoutingContext ctx, String path, String body) {
        HttpServerResponse response = headers(ctx, path);
        if (ctx.request().method() == HttpMethod.HEAD) {
            // Vert.x would write the body of a HEAD answer too: send only its length.
            response.putHeader(
                            HttpHeaders.CONTENT_LENGTH,
                            Integer.toString(Buffer.buffer(body).length()))
                    .end();
        } else {
            response.end(body);
        }
    }

    private static ApiException notFound() {
        return new ApiException(CatalogProblem.MEDIA_NOT_FOUND, "No such media file.");
    }
}
