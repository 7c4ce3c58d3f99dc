package dev.lectern.catalog.media;

import dev.lectern.catalog.CatalogProblem;
import dev.lectern.catalog.MediaDeliveryConfig;
import dev.lectern.catalog.StorageKeys;
import dev.lectern.infra.http.ApiException;
import dev.lectern.infra.storage.ObjectStore;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /media/{lectureId}/{path}?token=…}: a lecture's media from the bucket. The token
 * (from the playback response) is bound to the user and the lecture in the URL; whether that user
 * may still watch is re-read every few seconds ({@link MediaAccess}), so removal from the course
 * or unpublishing ends access to URLs already issued.
 * Paths are matched against the only shapes Lectern writes, so nothing else in the bucket (the
 * original upload, other lectures) can be reached, whatever dots or slashes a client sends.
 */
public final class MediaRoutes {
    private static final Pattern PATH =
            Pattern.compile(
                    "^/media/([0-9a-fA-F-]{36})/(v[1-9][0-9]{0,8}/(?:[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}/){0,3}"
                            + "[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}|captions/[0-9a-f-]{36}\\.(?:vtt|m3u8)"
                            + "|slides/[0-9]{1,5}-[0-9a-f]{8,64}\\.jpg|chapters\\.vtt)$");

    private final MediaTokens tokens;
    private final MediaAccess access;
    private final PlaybackStore playback;
    private final PlaylistDelivery playlists;
    private final FileDelivery files;

    public MediaRoutes(
            PlaybackStore playback,
            ObjectStore store,
            MediaTokens tokens,
            MediaAccess access,
            MediaDeliveryConfig delivery) {
        this.tokens = tokens;
        this.access = access;
        this.playback = playback;
        this.playlists = new PlaylistDelivery(playback, store);
        this.files = new FileDelivery(store, delivery);
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
            throw MediaAnswers.notFound();
        }
        UUID lectureId;
        try {
            lectureId = UUID.fromString(m.group(1));
        } catch (IllegalArgumentException e) {
            throw MediaAnswers.notFound();
        }
        String path = m.group(2);
        String token = ctx.queryParams().get("token");
        tokens.verify(token, lectureId, Instant.now())
                .compose(
                        viewer ->
                                viewer.isEmpty()
                                        ? Future.succeededFuture(false)
                                        : access.mayWatch(viewer.get(), lectureId))
                .compose(
                        allowed -> {
                            if (!allowed) {
                                return Future.failedFuture(
                                        new ApiException(
                                                CatalogProblem.MEDIA_TOKEN_INVALID,
                                                "Ask the playback endpoint for a fresh link."));
                            }
                            if (path.equals("chapters.vtt")) {
                                return chapters(ctx, lectureId);
                            }
                            if (path.startsWith("captions/") && path.endsWith(".m3u8")) {
                                return playlists.captionPlaylist(ctx, lectureId, path, token);
                            }
                            if (path.startsWith("captions/")) {
                                // Only published tracks reach players; drafts stay in the editor.
                                return playlists
                                        .requirePublished(lectureId, path)
                                        .compose(
                                                v ->
                                                        files.serve(
                                                                ctx,
                                                                StorageKeys.lecturePrefix(lectureId)
                                                                        + path,
                                                                path));
                            }
                            if (MediaTypes.isRewritten(path)) {
                                return playlists.rewritten(ctx, lectureId, path, token);
                            }
                            return files.serve(
                                    ctx, StorageKeys.lecturePrefix(lectureId) + path, path);
                        })
                .onFailure(ctx::fail);
    }

    /** The chapters as a WebVTT track, made from the catalog (teachers edit them at any time). */
    private Future<Void> chapters(RoutingContext ctx, UUID lectureId) {
        return playback.chapters(lectureId)
                .compose(
                        track ->
                                ctx.response()
                                        .putHeader("Content-Type", "text/vtt; charset=utf-8")
                                        .putHeader("Cache-Control", "private, no-cache")
                                        .end(track.toWebVtt()));
    }
}
