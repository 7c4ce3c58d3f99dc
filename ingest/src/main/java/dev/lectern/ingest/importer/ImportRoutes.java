package dev.lectern.ingest.importer;

import dev.lectern.catalog.CatalogProblem;
import dev.lectern.catalog.LectureStatus;
import dev.lectern.catalog.access.CourseAccess;
import dev.lectern.catalog.api.Input;
import dev.lectern.catalog.api.Responses;
import dev.lectern.catalog.lifecycle.LectureLifecycle;
import dev.lectern.catalog.lifecycle.TransitionRefused;
import dev.lectern.infra.auth.Authentication;
import dev.lectern.infra.auth.Identity;
import dev.lectern.infra.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;
import java.util.UUID;

/**
 * {@code POST /courses/{courseId}/lectures/{lectureId}/import}: a teacher (or an admin) asks the
 * service to fetch a lecture's recording from a URL. The URL is vetted here so an obviously
 * internal address is refused at once, and again by the job at every hop.
 */
public final class ImportRoutes {
    private final Vertx vertx;
    private final CourseAccess access;
    private final LectureLifecycle lifecycle;
    private final UrlGuard guard;

    public ImportRoutes(
            Vertx vertx, CourseAccess access, LectureLifecycle lifecycle, UrlGuard guard) {
        this.vertx = vertx;
        this.access = access;
        this.lifecycle = lifecycle;
        this.guard = guard;
    }

    /** Mounts on the authenticated {@code /api/v1} router, behind its JSON body handler. */
    public void mount(Router api) {
        api.post("/courses/:courseId/lectures/:lectureId/import").handler(this::start);
    }

    private void start(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID courseId = Input.uuidParam(ctx, "courseId");
        UUID lectureId = Input.uuidParam(ctx, "lectureId");
        access.requireTeacher(who, courseId)
                .compose(v -> lifecycle.find(lectureId))
                .compose(
                        found -> {
                            if (found.isEmpty() || !found.get().courseId().equals(courseId)) {
                                return Future.failedFuture(
                                        new ApiException(
                                                CatalogProblem.LECTURE_NOT_FOUND,
                                                "No lecture " + lectureId + " in this course."));
                            }
                            if (found.get().status() != LectureStatus.AWAITING_UPLOAD) {
                                return Future.failedFuture(notAwaiting(found.get().status()));
                            }
                            URI url = parse(Input.body(ctx, Set.of("url")).getValue("url"));
                            return vertx.executeBlocking(() -> guard.vet(url), false)
                                    .recover(ImportRoutes::asProblem)
                                    .compose(
                                            vetted ->
                                                    lifecycle.beginImport(
                                                            lectureId, ImportJobs.job(url, null)))
                                    .recover(
                                            e ->
                                                    e instanceof TransitionRefused
                                                            ? Future.failedFuture(notAwaiting(null))
                                                            : Future.failedFuture(e));
                        })
                .onSuccess(
                        v -> {
                            ctx.response().putHeader("Location", "/api/v1/lectures/" + lectureId);
                            Responses.json(
                                    ctx,
                                    202,
                                    new JsonObject()
                                            .put("lectureId", lectureId.toString())
                                            .put("status", LectureStatus.UPLOADING.dbValue()));
                        })
                .onFailure(ctx::fail);
    }

    static URI parse(Object value) {
        if (!(value instanceof String text) || text.isBlank() || text.length() > 4096) {
            throw new ApiException(
                    ImportProblem.INVALID_IMPORT_URL,
                    "url must be a string of at most 4096 chars.");
        }
        try {
            URI url = new URI(text.trim());
            if (!url.isAbsolute()) {
                throw new URISyntaxException(text, "not absolute");
            }
            return url;
        } catch (URISyntaxException e) {
            throw new ApiException(
                    ImportProblem.INVALID_IMPORT_URL, "url is not an absolute URL: " + text);
        }
    }

    private static <T> Future<T> asProblem(Throwable error) {
        return Future.failedFuture(
                error instanceof ImportFailure f
                        ? new ApiException(f.code(), f.getMessage())
                        : error);
    }

    private static ApiException notAwaiting(LectureStatus status) {
        return new ApiException(
                ImportProblem.LECTURE_NOT_AWAITING_UPLOAD,
                status == null
                        ? "The lecture is no longer awaiting its upload."
                        : "The lecture is "
                                + status.dbValue().replace('_', ' ')
                                + ", not awaiting its upload.");
    }
}
