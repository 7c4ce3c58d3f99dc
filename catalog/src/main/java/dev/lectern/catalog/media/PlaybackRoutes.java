package dev.lectern.catalog.media;

import dev.lectern.catalog.CatalogProblem;
import dev.lectern.catalog.access.CourseAccess;
import dev.lectern.catalog.api.Input;
import dev.lectern.catalog.api.Responses;
import dev.lectern.infra.auth.Authentication;
import dev.lectern.infra.auth.Identity;
import dev.lectern.infra.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code GET /lectures/{id}/playback}: everything a player needs, as URLs carrying a media token
 * for this user and lecture. The layout of a version folder is the transcoder's contract:
 * master.m3u8, manifest.mpd, poster.jpg, thumbs/thumbs.vtt + sprite.jpg, download/lecture.mp4
 * and download/audio.m4a.
 */
public final class PlaybackRoutes {
    private static final String DETAILS =
            "SELECT l.published_version, l.renditions, l.duration_seconds,"
                    + " (SELECT position_seconds FROM viewing_progress p WHERE p.lecture_id = l.id AND p.user_id = $2) AS resume,"
                    + " (SELECT coalesce(json_agg(json_build_object('id', c.id, 'language', c.language, 'label', c.label,"
                    + "   'default', c.is_default) ORDER BY c.is_default DESC, c.created_at), '[]')"
                    + "   FROM captions c WHERE c.lecture_id = l.id) AS captions,"
                    + " (SELECT coalesce(json_agg(json_build_object('id', h.id, 'title', h.title,"
                    + "   'startSeconds', h.start_seconds) ORDER BY h.start_seconds), '[]')"
                    + "   FROM chapters h WHERE h.lecture_id = l.id) AS chapters"
                    + " FROM lectures l WHERE l.id = $1";

    private final Pool pool;
    private final CourseAccess access;
    private final MediaTokens tokens;

    public PlaybackRoutes(Pool pool, CourseAccess access, MediaTokens tokens) {
        this.pool = pool;
        this.access = access;
        this.tokens = tokens;
    }

    public void mount(Router api) {
        api.get("/lectures/:lectureId/playback").handler(this::playback);
    }

    private void playback(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID lectureId = Input.uuidParam(ctx, "lectureId");
        Instant now = Instant.now();
        String origin = ctx.request().scheme() + "://" + ctx.request().authority();
        access.requireLectureViewer(who, lectureId)
                .compose(
                        l -> pool.preparedQuery(DETAILS).execute(Tuple.of(lectureId, who.userId())))
                .compose(
                        rows -> {
                            Row row = rows.iterator().next();
                            Integer version = row.getInteger("published_version");
                            if (version == null) {
                                return Future.failedFuture(
                                        new ApiException(
                                                CatalogProblem.NOT_PUBLISHED,
                                                "Processing has not finished yet; try again when the lecture is ready."));
                            }
                            return tokens.issue(who.userId(), lectureId, now)
                                    .map(
                                            token ->
                                                    toJson(
                                                            origin, lectureId, version, row, token,
                                                            now));
                        })
                .onSuccess(body -> Responses.json(ctx, 200, body))
                .onFailure(ctx::fail);
    }

    private static JsonObject toJson(
            String origin, UUID lectureId, int version, Row row, String token, Instant now) {
        String base = origin + "/media/" + lectureId + "/";
        String v = base + "v" + version + "/";
        String q = "?token=" + token;
        JsonArray captions = new JsonArray();
        for (Object o : asArray(row.getValue("captions"))) {
            JsonObject c = (JsonObject) o;
            captions.add(c.copy().put("url", base + "captions/" + c.getString("id") + ".vtt" + q));
        }
        Double resume = row.getDouble("resume");
        Object renditions = row.getValue("renditions");
        return new JsonObject()
                .put("lectureId", lectureId.toString())
                .put("version", version)
                .put("token", token)
                .put("expiresAt", now.plus(MediaTokens.LIFETIME).toString())
                .put("hls", v + "master.m3u8" + q)
                .put("dash", v + "manifest.mpd" + q)
                .put("poster", v + "poster.jpg" + q)
                .put(
                        "thumbnails",
                        new JsonObject()
                                .put("vtt", v + "thumbs/thumbs.vtt" + q)
                                .put("sprite", v + "thumbs/sprite.jpg" + q))
                .put("captions", captions)
                .put(
                        "downloads",
                        new JsonArray()
                                .add(
                                        new JsonObject()
                                                .put("kind", "video")
                                                .put("url", v + "download/lecture.mp4" + q))
                                .add(
                                        new JsonObject()
                                                .put("kind", "audio")
                                                .put("url", v + "download/audio.m4a" + q)))
                .put("chapters", asArray(row.getValue("chapters")))
                .put("resumeSeconds", resume == null ? 0.0 : resume)
                .put("durationSeconds", row.getDouble("duration_seconds"))
                .put("renditions", renditions);
    }

    private static JsonArray asArray(Object value) {
        if (value instanceof JsonArray array) {
            return array;
        }
        return value == null ? new JsonArray() : new JsonArray(value.toString());
    }
}
