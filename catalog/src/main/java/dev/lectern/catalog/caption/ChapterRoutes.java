package dev.lectern.catalog.caption;

import dev.lectern.catalog.CatalogProblem;
import dev.lectern.catalog.access.CourseAccess;
import dev.lectern.catalog.api.Input;
import dev.lectern.catalog.api.Responses;
import dev.lectern.infra.auth.Authentication;
import dev.lectern.infra.auth.Identity;
import dev.lectern.infra.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.UUID;

/** Chapters: named start times teachers set so students can jump to a topic. */
public final class ChapterRoutes {
    private static final Set<String> FIELDS = Set.of("title", "startSeconds");

    /** Longer than any recording Lectern accepts (a day). */
    private static final double MAX_SECONDS = 86_400;

    private final ChapterStore chapters;
    private final CourseAccess access;

    public ChapterRoutes(ChapterStore chapters, CourseAccess access) {
        this.chapters = chapters;
        this.access = access;
    }

    public void mount(Router api) {
        api.get("/lectures/:lectureId/chapters").handler(this::list);
        api.post("/lectures/:lectureId/chapters").handler(this::create);
        api.patch("/lectures/:lectureId/chapters/:chapterId").handler(this::update);
        api.delete("/lectures/:lectureId/chapters/:chapterId").handler(this::delete);
    }

    private void list(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID lectureId = Input.uuidParam(ctx, "lectureId");
        access.requireLectureViewer(who, lectureId)
                .compose(l -> chapters.chapters(lectureId))
                .onSuccess(list -> Responses.items(ctx, list, Chapter::toJson))
                .onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID lectureId = Input.uuidParam(ctx, "lectureId");
        access.requireLectureTeacher(who, lectureId)
                .compose(
                        l -> {
                            JsonObject body = Input.body(ctx, FIELDS);
                            String title = Input.text(body, "title", 1, 300);
                            Double start =
                                    Input.optionalNumber(body, "startSeconds", 0, MAX_SECONDS);
                            if (start == null) {
                                throw Input.invalid("startSeconds", "is required");
                            }
                            return chapters.add(lectureId, title, start);
                        })
                .onSuccess(
                        chapter ->
                                Responses.created(
                                        ctx,
                                        "/api/v1/lectures/"
                                                + lectureId
                                                + "/chapters/"
                                                + chapter.id(),
                                        chapter.toJson()))
                .onFailure(ctx::fail);
    }

    private void update(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID lectureId = Input.uuidParam(ctx, "lectureId");
        UUID chapterId = Input.uuidParam(ctx, "chapterId");
        access.requireLectureTeacher(who, lectureId)
                .compose(
                        l -> {
                            JsonObject body = Input.body(ctx, FIELDS);
                            String title =
                                    body.containsKey("title")
                                            ? Input.text(body, "title", 1, 300)
                                            : null;
                            Double start =
                                    Input.optionalNumber(body, "startSeconds", 0, MAX_SECONDS);
                            return chapters.update(lectureId, chapterId, title, start);
                        })
                .compose(
                        chapter ->
                                chapter.map(Future::succeededFuture)
                                        .orElseGet(() -> Future.failedFuture(notFound())))
                .onSuccess(chapter -> Responses.json(ctx, 200, chapter.toJson()))
                .onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID lectureId = Input.uuidParam(ctx, "lectureId");
        UUID chapterId = Input.uuidParam(ctx, "chapterId");
        access.requireLectureTeacher(who, lectureId)
                .compose(l -> chapters.remove(lectureId, chapterId))
                .onSuccess(
                        removed -> {
                            if (removed) {
                                Responses.noContent(ctx);
                            } else {
                                ctx.fail(notFound());
                            }
                        })
                .onFailure(ctx::fail);
    }

    private static ApiException notFound() {
        return new ApiException(
                CatalogProblem.CHAPTER_NOT_FOUND, "No such chapter on this lecture.");
    }
}
