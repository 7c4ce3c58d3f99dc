package dev.lectern.catalog.lecture;

import dev.lectern.catalog.access.CourseAccess;
import dev.lectern.catalog.api.Input;
import dev.lectern.catalog.api.Responses;
import dev.lectern.infra.auth.Authentication;
import dev.lectern.infra.auth.Identity;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code GET /courses/{id}/events}: a server-sent-events stream for the teacher's page, one {@code
 * lecture} event whenever a lecture's status, error or job progress (downloading for an import, encoding for a
 * transcode) changes and a {@code
 * removed} event when it is deleted. It polls the rows once a second rather than listening for
 * notifications, so it sees changes made by any worker on any host with no extra plumbing; the
 * query is one index scan per open page.
 */
public final class StatusEvents {
    private static final String STATUS =
            "SELECT l.id, l.status, l.error_code, l.error_message, l.updated_at,"
                    // An import's resume point (an S3 upload id) is the worker's business.
                    + " (SELECT j.progress - 'resume' FROM jobs j WHERE j.lecture_id = l.id"
                    + "   AND j.kind IN ('transcode', 'import')"
                    + "   AND j.status = 'running' ORDER BY j.id DESC LIMIT 1) AS progress"
                    + " FROM lectures l WHERE l.course_id = $1";
    private static final long POLL_MILLIS = 1000;

    /** A comment line now and then keeps proxies from closing a quiet stream. */
    private static final int KEEPALIVE_POLLS = 15;

    private final Pool pool;
    private final CourseAccess access;

    public StatusEvents(Pool pool, CourseAccess access) {
        this.pool = pool;
        this.access = access;
    }

    public void mount(Router api) {
        api.get("/courses/:courseId/events").handler(this::stream);
    }

    private void stream(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID courseId = Input.uuidParam(ctx, "courseId");
        access.requireTeacher(who, courseId)
                .onSuccess(
                        v -> {
                            HttpServerResponse response = ctx.response();
                            response.setChunked(true)
                                    .putHeader("Content-Type", "text/event-stream")
                                    .putHeader("Cache-Control", "no-store")
                                    .putHeader("X-Accel-Buffering", "no")
                                    .write(": lecture status for course " + courseId + "\n\n");
                            new Session(ctx, courseId).start();
                        })
                .onFailure(ctx::fail);
    }

    /** One open page: what it was last told, so only changes are sent. */
    private final class Session {
        private final RoutingContext ctx;
        private final UUID courseId;
        private final Map<UUID, String> sent = new HashMap<>();
        private long timer;
        private boolean polling;
        private boolean closed;
        private int quietPolls;

        Session(RoutingContext ctx, UUID courseId) {
            this.ctx = ctx;
            this.courseId = courseId;
        }

        void start() {
            ctx.response()
                    .closeHandler(
                            v -> {
                                closed = true;
                                ctx.vertx().cancelTimer(timer);
                            });
            poll();
            timer = ctx.vertx().setPeriodic(POLL_MILLIS, id -> poll());
        }

        private void poll() {
            if (polling || closed) {
                return;
            }
            polling = true;
            pool.preparedQuery(STATUS)
                    .execute(Tuple.of(courseId))
                    .onComplete(
                            result -> {
                                polling = false;
                                if (closed || result.failed()) {
                                    return;
                                }
                                StringBuilder out = new StringBuilder();
                                Set<UUID> seen = new HashSet<>();
                                for (Row row : result.result()) {
                                    UUID id = row.getUUID("id");
                                    seen.add(id);
                                    String json = toJson(row).encode();
                                    if (!json.equals(sent.put(id, json))) {
                                        out.append("event: lecture\ndata: ")
                                                .append(json)
                                                .append("\n\n");
                                    }
                                }
                                sent.keySet()
                                        .removeIf(
                                                id -> {
                                                    if (seen.contains(id)) {
                                                        return false;
                                                    }
                                                    out.append(
                                                                    "event: removed\ndata: {\"lectureId\":\"")
                                                            .append(id)
                                                            .append("\"}\n\n");
                                                    return true;
                                                });
                                if (out.isEmpty() && ++quietPolls >= KEEPALIVE_POLLS) {
                                    out.append(": keepalive\n\n");
                                }
                                if (!out.isEmpty()) {
                                    quietPolls = 0;
                                    ctx.response().write(out.toString());
                                }
                            });
        }
    }

    private static JsonObject toJson(Row row) {
        JsonObject json =
                new JsonObject()
                        .put("lectureId", row.getUUID("id").toString())
                        .put("status", row.getString("status"))
                        .put("updatedAt", Responses.time(row.getOffsetDateTime("updated_at")))
                        .put("progress", row.getValue("progress"));
        if (row.getString("error_code") != null) {
            json.put(
                    "error",
                    new JsonObject()
                            .put("code", row.getString("error_code"))
                            .put("message", row.getString("error_message")));
        }
        return json;
    }
}
