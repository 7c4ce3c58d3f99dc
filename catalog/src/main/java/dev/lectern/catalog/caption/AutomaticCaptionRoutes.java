package dev.lectern.catalog.caption;

import dev.lectern.catalog.CatalogProblem;
import dev.lectern.catalog.access.CourseAccess;
import dev.lectern.catalog.api.Input;
import dev.lectern.catalog.api.Responses;
import dev.lectern.infra.auth.Authentication;
import dev.lectern.infra.auth.Identity;
import dev.lectern.infra.http.ApiException;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/**
 * {@code /lectures/{id}/captions/automatic}: where speech recognition of a lecture stands, and a
 * teacher's request to run it again. Mount before the routes with a caption id.
 */
public final class AutomaticCaptionRoutes {
    private final AutomaticCaptions automatic;
    private final CourseAccess access;

    public AutomaticCaptionRoutes(AutomaticCaptions automatic, CourseAccess access) {
        this.automatic = automatic;
        this.access = access;
    }

    public void mount(Router api) {
        api.get("/lectures/:lectureId/captions/automatic").handler(this::status);
        api.post("/lectures/:lectureId/captions/automatic").handler(this::rerun);
    }

    private void status(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID lectureId = Input.uuidParam(ctx, "lectureId");
        access.requireLectureTeacher(who, lectureId)
                .compose(lecture -> automatic.status(lectureId))
                .onSuccess(status -> Responses.json(ctx, 200, status))
                .onFailure(ctx::fail);
    }

    private void rerun(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID lectureId = Input.uuidParam(ctx, "lectureId");
        access.requireLectureTeacher(who, lectureId)
                .compose(
                        lecture ->
                                lecture.publishedVersion() == null
                                        ? Future.failedFuture(
                                                new ApiException(
                                                        CatalogProblem.NOT_PUBLISHED,
                                                        "Captions are made from the processed"
                                                                + " lecture; wait until it is"
                                                                + " ready."))
                                        : automatic.request(lectureId))
                .compose(v -> automatic.status(lectureId))
                .onSuccess(status -> Responses.json(ctx, 202, status))
                .onFailure(ctx::fail);
    }
}
