package dev.lectern.catalog.caption;

import dev.lectern.catalog.access.CourseAccess;
import dev.lectern.catalog.api.Input;
import dev.lectern.catalog.api.Responses;
import dev.lectern.infra.auth.Authentication;
import dev.lectern.infra.auth.Identity;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.UUID;

/** Where each viewer is in a lecture, and for teachers how far the enrolled students got. */
public final class ProgressRoutes {
    private static final double MAX_SECONDS = 86_400;

    private final ProgressStore progress;
    private final CourseAccess access;

    public ProgressRoutes(ProgressStore progress, CourseAccess access) {
        this.progress = progress;
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
                            return progress.record(who.userId(), lectureId, position);
                        })
                .onSuccess(v -> Responses.noContent(ctx))
                .onFailure(ctx::fail);
    }

    private void completion(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID lectureId = Input.uuidParam(ctx, "lectureId");
        access.requireLectureTeacher(who, lectureId)
                .compose(l -> progress.completion(lectureId))
                .onSuccess(completion -> Responses.json(ctx, 200, completion.toJson()))
                .onFailure(ctx::fail);
    }
}
