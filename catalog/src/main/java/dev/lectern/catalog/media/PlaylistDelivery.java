package dev.lectern.catalog.media;

import dev.lectern.catalog.StorageKeys;
import dev.lectern.catalog.caption.CaptionTrack;
import dev.lectern.infra.storage.ByteRange;
import dev.lectern.infra.storage.ObjectStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.UUID;

/**
 * Playlists, manifests and the thumbnail track, rewritten on the way out so every URI inside
 * carries the media token, with the lecture's caption tracks added; and the one-segment HLS
 * playlist each caption file needs.
 */
final class PlaylistDelivery {
    private final PlaybackStore playback;
    private final ObjectStore store;

    PlaylistDelivery(PlaybackStore playback, ObjectStore store) {
        this.playback = playback;
        this.store = store;
    }

    Future<Void> rewritten(RoutingContext ctx, UUID lectureId, String path, String token) {
        String key = StorageKeys.lecturePrefix(lectureId) + path;
        Future<List<CaptionTrack>> tracks =
                path.endsWith(".vtt")
                        ? Future.succeededFuture(List.of())
                        : playback.captions(lectureId).map(LectureCaptions::tracks);
        return tracks.compose(
                captions ->
                        store.get(key, ByteRange.ALL)
                                .compose(
                                        found -> {
                                            if (found.isEmpty()) {
                                                return Future.failedFuture(MediaAnswers.notFound());
                                            }
                                            // Playlists are small; read whole on this context,
                                            // handlers attached at once.
                                            return readAll(found.get().body());
                                        })
                                .map(
                                        body -> {
                                            send(ctx, path, rewrite(path, body, token, captions));
                                            return null;
                                        }));
    }

    /** {@code captions/{id}.m3u8}: exists only for the lecture's published tracks. */
    Future<Void> captionPlaylist(RoutingContext ctx, UUID lectureId, String path, String token) {
        String captionId = captionId(path);
        return published(lectureId, captionId)
                .compose(
                        info -> {
                            send(
                                    ctx,
                                    path,
                                    PlaylistRewriter.captionPlaylist(
                                            captionId, info.durationSeconds(), token));
                            return Future.succeededFuture();
                        });
    }

    /** Succeeds when {@code captions/{id}.…} names one of the lecture's published tracks. */
    Future<Void> requirePublished(UUID lectureId, String path) {
        return published(lectureId, captionId(path)).mapEmpty();
    }

    private Future<LectureCaptions> published(UUID lectureId, String captionId) {
        return playback.captions(lectureId)
                .compose(
                        info ->
                                info.tracks().stream()
                                                .anyMatch(t -> t.id().toString().equals(captionId))
                                        ? Future.succeededFuture(info)
                                        : Future.failedFuture(MediaAnswers.notFound()));
    }

    private static String captionId(String path) {
        return path.substring("captions/".length(), path.lastIndexOf('.'));
    }

    private static String rewrite(
            String path, Buffer body, String token, List<CaptionTrack> captions) {
        String text = body.toString();
        if (path.endsWith(".m3u8")) {
            return PlaylistRewriter.hls(text, token, captions);
        }
        if (path.endsWith(".mpd")) {
            return PlaylistRewriter.dash(text, token, captions);
        }
        return PlaylistRewriter.thumbnails(text, token);
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
        HttpServerResponse response = MediaAnswers.typed(ctx, path);
        if (growing(body)) {
            // A player refreshes it every segment to see what the encode added.
            response.putHeader(HttpHeaders.CACHE_CONTROL, "private, no-cache");
        }
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

    /** A media playlist of a lecture still being encoded: an event playlist not ended yet. */
    static boolean growing(String playlist) {
        return playlist.contains("#EXT-X-PLAYLIST-TYPE:EVENT")
                && !playlist.contains("#EXT-X-ENDLIST");
    }
}
