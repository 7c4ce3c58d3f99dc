package dev.lectern.catalog.api;

import dev.lectern.catalog.MediaDeliveryConfig;
import dev.lectern.catalog.access.CourseAccess;
import dev.lectern.catalog.access.PgCourseAccess;
import dev.lectern.catalog.caption.CaptionFiles;
import dev.lectern.catalog.caption.CaptionRoutes;
import dev.lectern.catalog.caption.CaptionStore;
import dev.lectern.catalog.caption.ChapterRoutes;
import dev.lectern.catalog.caption.PgCaptionStore;
import dev.lectern.catalog.caption.PgChapterStore;
import dev.lectern.catalog.caption.PgProgressStore;
import dev.lectern.catalog.caption.ProgressRoutes;
import dev.lectern.catalog.course.CourseRoutes;
import dev.lectern.catalog.course.CourseStore;
import dev.lectern.catalog.course.MembershipRoutes;
import dev.lectern.catalog.course.PgCourseStore;
import dev.lectern.catalog.course.PgMembershipStore;
import dev.lectern.catalog.course.PgUserStore;
import dev.lectern.catalog.lecture.LectureListing;
import dev.lectern.catalog.lecture.LectureRemoval;
import dev.lectern.catalog.lecture.LectureRoutes;
import dev.lectern.catalog.lecture.LectureStore;
import dev.lectern.catalog.lecture.PgLectureSearch;
import dev.lectern.catalog.lecture.PgLectureStore;
import dev.lectern.catalog.lecture.SearchRoutes;
import dev.lectern.catalog.lecture.StatusEvents;
import dev.lectern.catalog.lifecycle.PgLectureLifecycle;
import dev.lectern.catalog.media.MediaRoutes;
import dev.lectern.catalog.media.MediaTokens;
import dev.lectern.catalog.media.PgPlaybackStore;
import dev.lectern.catalog.media.PlaybackRoutes;
import dev.lectern.catalog.media.PlaybackStore;
import dev.lectern.infra.storage.ObjectStore;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;

/**
 * Mounts the catalog's HTTP surface: the REST resources on the authenticated {@code /api/v1}
 * router, and the public OpenAPI document on the root router.
 */
public final class CatalogApi {
    private CatalogApi() {}

    /**
     * @param root the server's root router; call this before mounting {@code api} on it, so the
     *     public routes registered here win over the authenticated sub-router
     * @param api the {@code /api/v1} sub-router, already behind authentication and a body handler
     * @param jobMaxAttempts attempts of a job that does not set its own (the configured default)
     */
    public static void mount(
            Vertx vertx,
            Router root,
            Router api,
            Pool pool,
            ObjectStore store,
            MediaDeliveryConfig delivery,
            int jobMaxAttempts) {
        root.get("/api/v1/openapi.json").handler(OpenApiDocument.handler());
        CourseAccess access = new PgCourseAccess(pool);
        CourseStore courses = new PgCourseStore(pool);
        LectureStore lectures = new PgLectureStore(pool);
        LectureRemoval removal = new LectureRemoval(lectures, courses, store);
        api.route().handler(new CallerRecorder(new PgUserStore(pool)));
        new CourseRoutes(courses, access, removal).mount(api);
        new MembershipRoutes(new PgMembershipStore(pool), access).mount(api);
        new LectureListing(lectures).mount(api);
        new LectureRoutes(lectures, access, new PgLectureLifecycle(pool, jobMaxAttempts), removal)
                .mount(api);
        CaptionStore captions = new PgCaptionStore(pool);
        new CaptionRoutes(captions, new CaptionFiles(captions, store), access).mount(api);
        new ChapterRoutes(new PgChapterStore(pool), access).mount(api);
        new ProgressRoutes(new PgProgressStore(pool), access).mount(api);
        new SearchRoutes(new PgLectureSearch(pool)).mount(api);
        new StatusEvents(lectures, access).mount(api);
        MediaTokens mediaTokens = new MediaTokens(pool);
        PlaybackStore playback = new PgPlaybackStore(pool);
        new PlaybackRoutes(playback, access, mediaTokens).mount(api);
        new MediaRoutes(playback, store, mediaTokens, delivery).mount(root);
    }
}
