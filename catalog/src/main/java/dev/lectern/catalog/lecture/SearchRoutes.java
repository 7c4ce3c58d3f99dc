package dev.lectern.catalog.lecture;

import dev.lectern.catalog.api.Input;
import dev.lectern.catalog.api.Responses;
import dev.lectern.infra.auth.Authentication;
import dev.lectern.infra.auth.Identity;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /search}: PostgreSQL full-text search over the lectures the caller may see. Each text
 * is searched with its own language's configuration (the lecture's for title and description, the
 * caption track's for cues), so stemming matches the language spoken. Words in the title or
 * description rank above words only spoken in the captions; caption matches come back with their
 * timestamps so the player can jump there.
 */
public final class SearchRoutes {
    private static final String LECTURES =
            "SELECT "
                    + LectureView.COLUMNS
                    + ", ($2 OR m.role = 'teacher') AS teacher,"
                    + " (CASE WHEN l.search_vector @@ tq THEN ts_rank(l.search_vector, tq) ELSE 0 END)"
                    + "   + 0.5 * least(coalesce(cues.rank, 0), 1) AS rank"
                    + " FROM lectures l LEFT JOIN memberships m"
                    + " ON m.course_id = l.course_id AND m.user_id = $1"
                    + " CROSS JOIN LATERAL websearch_to_tsquery(l.search_config, $3) tq"
                    + " LEFT JOIN LATERAL (SELECT sum(ts_rank(c.search_vector,"
                    + "   websearch_to_tsquery(c.search_config, $3))) AS rank FROM caption_cues c"
                    + "   WHERE c.lecture_id = l.id"
                    + "   AND c.search_vector @@ websearch_to_tsquery(c.search_config, $3)) cues ON true"
                    + " WHERE ($2 OR m.role = 'teacher' OR (m.role = 'student'"
                    + "   AND l.published_version IS NOT NULL AND (l.visibility = 'published'"
                    + "   OR (l.visibility = 'scheduled' AND l.available_from <= now()))))"
                    + " AND ($4::uuid IS NULL OR l.course_id = $4)"
                    + " AND (l.search_vector @@ tq OR cues.rank IS NOT NULL)"
                    + " ORDER BY rank DESC, l.created_at DESC, l.id LIMIT $5";
    private static final String CUES =
            "SELECT lecture_id, caption_id, start_seconds, end_seconds, body FROM caption_cues"
                    + " WHERE lecture_id = ANY($1)"
                    + " AND search_vector @@ websearch_to_tsquery(search_config, $2)"
                    + " ORDER BY lecture_id, start_seconds";

    /** Enough to show where a topic comes up without flooding the page. */
    private static final int MAX_CUES_PER_LECTURE = 20;

    private final Pool pool;

    public SearchRoutes(Pool pool) {
        this.pool = pool;
    }

    public void mount(Router api) {
        api.get("/search").handler(this::search);
    }

    private void search(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        String q = ctx.queryParams().get("q");
        if (q == null || q.isBlank() || q.length() > 200) {
            throw Input.invalid("q", "is required, 1 to 200 characters");
        }
        String course = ctx.queryParams().get("course");
        UUID courseId = course == null || course.isEmpty() ? null : Input.uuid("course", course);
        int limit = Input.intQuery(ctx, "limit", 1, 50, 20);
        Map<UUID, JsonObject> hits = new LinkedHashMap<>();
        pool.preparedQuery(LECTURES)
                .execute(Tuple.of(who.userId(), who.admin(), q, courseId, limit))
                .compose(
                        rows -> {
                            for (Row row : rows) {
                                hits.put(
                                        row.getUUID("id"),
                                        new JsonObject()
                                                .put(
                                                        "lecture",
                                                        LectureView.toJson(
                                                                row, row.getBoolean("teacher")))
                                                .put("rank", row.getDouble("rank"))
                                                .put("captionHits", new JsonArray()));
                            }
                            List<UUID> ids = new ArrayList<>(hits.keySet());
                            return pool.preparedQuery(CUES)
                                    .execute(Tuple.of(ids.toArray(new UUID[0]), q));
                        })
                .onSuccess(
                        cues -> {
                            for (Row cue : cues) {
                                JsonArray list =
                                        hits.get(cue.getUUID("lecture_id"))
                                                .getJsonArray("captionHits");
                                if (list.size() < MAX_CUES_PER_LECTURE) {
                                    list.add(
                                            new JsonObject()
                                                    .put(
                                                            "captionId",
                                                            cue.getUUID("caption_id").toString())
                                                    .put(
                                                            "startSeconds",
                                                            cue.getDouble("start_seconds"))
                                                    .put("endSeconds", cue.getDouble("end_seconds"))
                                                    .put("text", cue.getString("body")));
                                }
                            }
                            Responses.json(
                                    ctx,
                                    200,
                                    new JsonObject()
                                            .put(
                                                    "items",
                                                    new JsonArray(new ArrayList<>(hits.values()))));
                        })
                .onFailure(ctx::fail);
    }
}
