package dev.lectern.catalog.lecture;

import dev.lectern.catalog.access.CourseAccess;
import dev.lectern.catalog.api.Input;
import dev.lectern.infra.auth.Authentication;
import dev.lectern.infra.auth.Identity;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code GET /courses/{id}/events}: a server-sent-events stream for the teacher's page, one {@code
 * lecture} event whenever a lecture's status, error or job progress (downloading for an import,
 * encoding for a transcode) changes and a {@code removed} event when it is deleted. It polls the
 * store once a second rather than listening for notifications, so it sees changes made by any
 * worker on any host with no extra plumbing; the query is one index scan per open page.
 */
public final class StatusEvents {
    private static final long POLL_MILLIS = 1000;

    /** A comment line now and then keeps proxies from closing a quiet stream. */
    private static final int KEEPALIVE_POLLS = 15;

    private final LectureStore lectures;
    private final CourseAccess access;

    public StatusEvents(LectureStore lectures, CourseAccess access) {
        this.lectures = lectures;
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
            lectures.activityIn(courseId)
                    .onComplete(
                            result -> {
                                polling = false;
                                if (closed || result.failed()) {
                                    return;
                                }
                                StringBuilder out = new StringBuilder();
                                Set<UUID> seen = new HashSet<>();
                                for (LectureActivity lecture : result.result()) {
                                    UUID id = lecture.lectureId();
                                    seen.add(id);
                                    String json = lecture.toJson().encode();
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
}
