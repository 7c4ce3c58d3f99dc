package dev.lectern.catalog.caption;

import dev.lectern.catalog.access.CourseAccess;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Where each viewer is in a lecture, and for teachers how far the enrolled students got. */
public final class ProgressRoutes {
    private static final String UPSERT =
            "INSERT INTO viewing_progress (user_id, lecture_id, position_seconds, furthest_seconds)"
                    + " VALUES ($1, $2, $3, $3) ON CONFLICT (lecture_id, user_id) DO UPDATE SET"
                    + " position_seconds = excluded.position_seconds,"
                    + " furthest_seconds = greatest(viewing_progress.furthest_seconds, excluded.position_seconds),"
                    + " updated_at = now()";
    private static final String COMPLETION =
            "SELECT m.user_id, u.display_name, p.furthest_seconds, p.updated_at, l.duration_seconds"
                    + " FROM memberships m JOIN users u ON u.id = m.user_id"
                    + " JOIN lectures l ON l.id = $1 AND l.course_id = m.course_id"
                    + " LEFT JOIN viewing_progress p ON p.lecture_id = l.id AND p.user_id = m.user_id"
                    + " WHERE m.role = 'student' ORDER BY m.user_id";
    private static final double MAX_SECONDS = 86_400;

    private final Pool pool;
    private final CourseAccess access;

    public ProgressRoutes(Pool pool, CourseAccess access) {
        this.pool = pool;
        this.access = access;
    }

    public void mount(Router api) {
        api.put("/lectures/:lectureId/progress").handler(this::put);
        api.get("/lectures/:lectureId/completion").handler(this::completion);
    }

    private void put(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID lectureId = Input.uuidParam(ctx, "lectureId");
        access.requireLectureViewer(who, lectureId)
                .compose(
                        lecture -> {
                            JsonObject body = Input.body(ctx, Set.of("positionSeconds"));
                            Double position =
                                    Input.optionalNumber(body, "positionSeconds", 0, MAX_SECONDS);
                            if (position == null) {
                                throw Input.invalid("positionSeconds", "is required");
                            }
                            return pool.preparedQuery(UPSERT)
                                    .execute(Tuple.of(who.userId(), lectureId, position));
                        })
                .onSuccess(rows -> Responses.noContent(ctx))
                .onFailure(ctx::fail);
    }

    /**
     * Students bucketed by the furthest point they reached; 90% counts as complete, since the
     * closing minutes of a recording are often questions and goodbyes.
     */
    private void completion(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID lectureId = Input.uuidParam(ctx, "lectureId");
        access.requireLectureTeacher(who, lectureId)
                .compose(l -> pool.preparedQuery(COMPLETION).execute(Tuple.of(lectureId)))
                .onSuccess(
                        rows -> {
                            Map<String, Integer> buckets = new LinkedHashMap<>();
                            for (String b :
                                    new String[] {
                                        "none",
                                        "under25",
                                        "under50",
                                        "under75",
                                        "under90",
                                        "completed"
                                    }) {
                                buckets.put(b, 0);
                            }
                            JsonArray students = new JsonArray();
                            int started = 0;
                            Double duration = null;
                            for (Row row : rows) {
                                duration = row.getDouble("duration_seconds");
                                Double furthest = row.getDouble("furthest_seconds");
                                Double fraction =
                                        furthest == null || duration == null || duration <= 0
                                                ? null
                                                : Math.min(1.0, furthest / duration);
                                if (furthest != null) {
                                    started++;
                                }
                                buckets.merge(bucket(furthest, fraction), 1, Integer::sum);
                                String name = row.getString("display_name");
                                students.add(
                                        new JsonObject()
                                                .put("userId", row.getString("user_id"))
                                                .put(
                                                        "displayName",
                                                        name.isEmpty()
                                                                ? row.getString("user_id")
                                                                : name)
                                                .put(
                                                        "furthestSeconds",
                                                        furthest == null ? 0.0 : furthest)
                                                .put("fraction", fraction)
                                                .put(
                                                        "updatedAt",
                                                        Responses.time(
                                                                row.getOffsetDateTime(
                                                                        "updated_at"))));
                            }
                            Responses.json(
                                    ctx,
                                    200,
                                    new JsonObject()
                                            .put("lectureId", lectureId.toString())
                                            .put("durationSeconds", duration)
                                            .put("enrolled", rows.size())
                                            .put("started", started)
                                            .put(
                                                    "buckets",
                                                    new JsonObject(new LinkedHashMap<>(buckets)))
                                            .put("students", students));
                        })
                .onFailure(ctx::fail);
    }

    private static String bucket(Double furthest, Double fraction) {
        if (furthest == null || furthest == 0) {
            return "none";
        }
        if (fraction == null) {
            return "under25";
        }
        if (fraction >= 0.9) {
            return "completed";
        }
        return fraction < 0.25
                ? "under25"
                : fraction < 0.5 ? "under50" : fraction < 0.75 ? "under75" : "under90";
    }
}
