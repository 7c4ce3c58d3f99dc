package dev.lectern.catalog.lecture;

import dev.lectern.catalog.CatalogProblem;
import dev.lectern.catalog.CourseRole;
import dev.lectern.catalog.access.CourseAccess;
import dev.lectern.catalog.api.Input;
import dev.lectern.catalog.api.Responses;
import dev.lectern.catalog.lifecycle.LectureLifecycle;
import dev.lectern.infra.auth.Authentication;
import dev.lectern.infra.auth.Identity;
import dev.lectern.infra.http.ApiException;
import dev.lectern.infra.http.RequestDeadline;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.UUID;

/** Creating, reading, editing, deleting and re-processing one lecture. */
public final class LectureRoutes {
    /** Re-processing is a teacher's request; it runs after new uploads of the same priority. */
    private static final int REPROCESS_PRIORITY = 200;

    private final LectureStore lectures;
    private final CourseAccess access;
    private final LectureLifecycle lifecycle;
    private final LectureRemoval removal;

    public LectureRoutes(
            LectureStore lectures,
            CourseAccess access,
            LectureLifecycle lifecycle,
            LectureRemoval removal) {
        this.lectures = lectures;
        this.access = access;
        this.lifecycle = lifecycle;
        this.removal = removal;
    }

    public void mount(Router api) {
        api.post("/courses/:courseId/lectures").handler(this::create);
        api.get("/lectures/:lectureId").handler(this::get);
        api.patch("/lectures/:lectureId").handler(this::update);
        api.delete("/lectures/:lectureId").handler(this::delete);
        api.post("/lectures/:lectureId/reprocess").handler(this::reprocess);
    }

    private void create(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID courseId = Input.uuidParam(ctx, "courseId");
        access.requireTeacher(who, courseId)
                .compose(
                        v -> {
                            JsonObject body = Input.body(ctx, LectureFields.NAMES);
                            LectureFields fields = LectureFields.defaults().merge(body);
                            return lectures.create(courseId, fields, who.userId());
                        })
                .onSuccess(
                        lecture ->
                                Responses.created(
                                        ctx,
                                        "/api/v1/lectures/" + lecture.id(),
                                        lecture.toJson(true)))
                .onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID lectureId = Input.uuidParam(ctx, "lectureId");
        access.requireLectureViewer(who, lectureId)
                .compose(lecture -> access.roleIn(who, lecture.courseId()))
                .compose(
                        role ->
                                fetch(lectureId)
                                        .map(
                                                lecture ->
                                                        lecture.toJson(
                                                                role.orElse(null)
                                                                        == CourseRole.TEACHER)))
                .onSuccess(lecture -> Responses.read(ctx, lecture))
                .onFailure(ctx::fail);
    }

    /**
     * Merges the body into the lecture's fields while the row is locked. With If-Match, the
     * lecture as a teacher last read it must still be the current one.
     */
    private void update(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID lectureId = Input.uuidParam(ctx, "lectureId");
        access.requireLectureTeacher(who, lectureId)
                .compose(
                        lecture -> {
                            JsonObject body = Input.body(ctx, LectureFields.NAMES);
                            return lectures.update(
                                    lectureId,
                                    current -> {
                                        Responses.requireMatch(ctx, current.toJson(true));
                                        return current.fields().merge(body);
                                    });
                        })
                .compose(lecture -> found(lecture, lectureId))
                .onSuccess(lecture -> Responses.written(ctx, lecture.toJson(true)))
                .onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID lectureId = Input.uuidParam(ctx, "lectureId");
        access.requireLectureTeacher(who, lectureId)
                .compose(
                        lecture -> {
                            // Thousands of objects may go: the answer waits for all of them.
                            RequestDeadline.suspend(ctx);
                            return removal.removeLecture(lectureId);
                        })
                .onSuccess(v -> Responses.noContent(ctx))
                .onFailure(ctx::fail);
    }

    /** Runs processing again from the kept source; viewers keep the published version meanwhile. */
    private void reprocess(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID lectureId = Input.uuidParam(ctx, "lectureId");
        access.requireLectureTeacher(who, lectureId)
                .compose(lecture -> lifecycle.reprocess(lectureId, REPROCESS_PRIORITY))
                .compose(v -> fetch(lectureId))
                .onSuccess(lecture -> Responses.json(ctx, 202, lecture.toJson(true)))
                .onFailure(ctx::fail);
    }

    private Future<Lecture> fetch(UUID lectureId) {
        return lectures.find(lectureId).compose(lecture -> found(lecture, lectureId));
    }

    private static Future<Lecture> found(Optional<Lecture> lecture, UUID lectureId) {
        return lecture.map(Future::succeededFuture)
                .orElseGet(
                        () ->
                                Future.failedFuture(
                                        new ApiException(
                                                CatalogProblem.LECTURE_NOT_FOUND,
                                                "No lecture " + lectureId + ".")));
    }
}
