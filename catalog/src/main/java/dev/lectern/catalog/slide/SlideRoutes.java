package dev.lectern.catalog.slide;

import dev.lectern.catalog.CatalogProblem;
import dev.lectern.catalog.access.CourseAccess;
import dev.lectern.catalog.api.Input;
import dev.lectern.catalog.api.Responses;
import dev.lectern.catalog.caption.Chapter;
import dev.lectern.catalog.media.MediaLinks;
import dev.lectern.catalog.media.MediaTokens;
import dev.lectern.infra.auth.Authentication;
import dev.lectern.infra.auth.Identity;
import dev.lectern.infra.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.UUID;

/**
 * A lecture's slides ({@code GET /lectures/{id}/slides}), where their detection stands and a
 * teacher's request to run it again ({@code /lectures/{id}/chapters/automatic}), and taking the
 * slides' chapters back after editing ({@code POST /lectures/{id}/chapters/from-slides}). Mount
 * before the chapter routes.
 */
public final class SlideRoutes {
    private final SlideStore slides;
    private final AutomaticChapters automatic;
    private final CourseAccess access;
    private final MediaTokens tokens;

    public SlideRoutes(
            SlideStore slides,
            AutomaticChapters automatic,
            CourseAccess access,
            MediaTokens tokens) {
        this.slides = slides;
        this.automatic = automatic;
        this.access = access;
        this.tokens = tokens;
    }

    public void mount(Router api) {
        api.get("/lectures/:lectureId/slides").handler(this::list);
        api.get("/lectures/:lectureId/chapters/automatic").handler(this::status);
        api.post("/lectures/:lectureId/chapters/automatic").handler(this::rerun);
        api.post("/lectures/:lectureId/chapters/from-slides").handler(this::useSlideChapters);
    }

    private void list(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID lectureId = Input.uuidParam(ctx, "lectureId");
        access.requireLectureViewer(who, lectureId)
                .compose(l -> tokens.issue(who, lectureId, Instant.now()))
                .compose(
                        token ->
                                slides.slides(lectureId)
                                        .map(
                                                list -> {
                                                    MediaLinks links =
                                                            MediaLinks.of(ctx, lectureId, token);
                                                    JsonArray items = new JsonArray();
                                                    list.forEach(s -> items.add(json(s, links)));
                                                    return new JsonObject().put("items", items);
                                                }))
                .onSuccess(body -> Responses.json(ctx, 200, body))
                .onFailure(ctx::fail);
    }

    private static JsonObject json(Slide slide, MediaLinks links) {
        return new JsonObject()
                .put("number", slide.number())
                .put("title", slide.title())
                .put("text", slide.text())
                .put("appearances", Slide.appearancesJson(slide.appearances()))
                .put("thumbnail", links.toOptional(slide.thumbnail()));
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
                .compose(lecture -> automatic.subject(lectureId))
                .compose(
                        subject -> {
                            if (subject.isEmpty()) {
                                return Future.failedFuture(
                                        new ApiException(
                                                CatalogProblem.NOT_PUBLISHED,
                                                "Slides are found in the processed lecture; wait"
                                                        + " until it is ready."));
                            }
                            if (!PgAutomaticChapters.hasSlides(subject.get().renditions())) {
                                return Future.failedFuture(
                                        new ApiException(
                                                CatalogProblem.NOT_A_SLIDE_VIDEO,
                                                "Add chapters by hand for camera recordings."));
                            }
                            return automatic.request(lectureId);
                        })
                .compose(v -> automatic.status(lectureId))
                .onSuccess(status -> Responses.json(ctx, 202, status))
                .onFailure(ctx::fail);
    }

    private void useSlideChapters(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID lectureId = Input.uuidParam(ctx, "lectureId");
        access.requireLectureTeacher(who, lectureId)
                .compose(lecture -> slides.useSlideChapters(lectureId))
                .compose(
                        chapters ->
                                chapters.isEmpty()
                                        ? Future.failedFuture(
                                                new ApiException(
                                                        CatalogProblem.NO_SLIDES,
                                                        "Your chapters are unchanged."))
                                        : Future.succeededFuture(chapters))
                .onSuccess(chapters -> Responses.items(ctx, chapters, Chapter::toJson))
                .onFailure(ctx::fail);
    }
}
