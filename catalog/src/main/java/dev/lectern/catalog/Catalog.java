package dev.lectern.catalog;

import dev.lectern.catalog.access.CourseAccess;
import dev.lectern.catalog.access.PgCourseAccess;
import dev.lectern.catalog.api.CallerRecorder;
import dev.lectern.catalog.api.OpenApiDocument;
import dev.lectern.catalog.caption.AutomaticCaptionRoutes;
import dev.lectern.catalog.caption.AutomaticCaptions;
import dev.lectern.catalog.caption.CaptionFiles;
import dev.lectern.catalog.caption.CaptionImports;
import dev.lectern.catalog.caption.CaptionRoutes;
import dev.lectern.catalog.caption.CaptionStore;
import dev.lectern.catalog.caption.ChapterRoutes;
import dev.lectern.catalog.caption.ChapterStore;
import dev.lectern.catalog.caption.PgAutomaticCaptions;
import dev.lectern.catalog.caption.PgCaptionStore;
import dev.lectern.catalog.caption.PgChapterStore;
import dev.lectern.catalog.caption.PgProgressStore;
import dev.lectern.catalog.caption.ProgressRoutes;
import dev.lectern.catalog.caption.ProgressStore;
import dev.lectern.catalog.caption.TranscriptRoutes;
import dev.lectern.catalog.course.CourseRoutes;
import dev.lectern.catalog.course.CourseStore;
import dev.lectern.catalog.course.MembershipRoutes;
import dev.lectern.catalog.course.MembershipStore;
import dev.lectern.catalog.course.PgCourseStore;
import dev.lectern.catalog.course.PgMembershipStore;
import dev.lectern.catalog.course.PgUserStore;
import dev.lectern.catalog.course.UserStore;
import dev.lectern.catalog.lecture.LectureListing;
import dev.lectern.catalog.lecture.LectureRemoval;
import dev.lectern.catalog.lecture.LectureRoutes;
import dev.lectern.catalog.lecture.LectureSearch;
import dev.lectern.catalog.lecture.LectureStore;
import dev.lectern.catalog.lecture.PgLectureSearch;
import dev.lectern.catalog.lecture.PgLectureStore;
import dev.lectern.catalog.lecture.SearchRoutes;
import dev.lectern.catalog.lecture.StatusEvents;
import dev.lectern.catalog.lifecycle.PgLectureLifecycle;
import dev.lectern.catalog.lifecycle.PublishFollowUps;
import dev.lectern.catalog.lifecycle.RecordingLectures;
import dev.lectern.catalog.media.MediaAccess;
import dev.lectern.catalog.media.MediaCors;
import dev.lectern.catalog.media.MediaRoutes;
import dev.lectern.catalog.media.MediaTokens;
import dev.lectern.catalog.media.PgPlaybackStore;
import dev.lectern.catalog.media.PlaybackRoutes;
import dev.lectern.catalog.media.PlaybackStore;
import dev.lectern.catalog.slide.AutomaticChapters;
import dev.lectern.catalog.slide.PgAutomaticChapters;
import dev.lectern.catalog.slide.PgSlideStore;
import dev.lectern.catalog.slide.SlideRoutes;
import dev.lectern.catalog.slide.SlideStore;
import dev.lectern.infra.jobs.JobQueue;
import dev.lectern.infra.storage.ObjectStore;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;

/**
 * The catalog of one process, composed once: its stores over the shared pool, the ports the other
 * modules use ({@link #ports()}), and its HTTP surface, mounted on every HTTP event loop's router
 * with the same stores.
 */
public final class Catalog {
    private final ObjectStore store;
    private final MediaDeliveryConfig delivery;
    private final CatalogPorts ports;
    private final CourseStore courses;
    private final MembershipStore members;
    private final UserStore users;
    private final LectureStore lectures;
    private final LectureSearch search;
    private final CaptionStore captions;
    private final AutomaticCaptions automatic;
    private final ChapterStore chapters;
    private final SlideStore slides;
    private final AutomaticChapters automaticChapters;
    private final ProgressStore progress;
    private final PlaybackStore playback;
    private final MediaTokens mediaTokens;

    public Catalog(Pool pool, ObjectStore store, CatalogOptions options) {
        this.store = store;
        this.delivery = options.delivery();
        int jobMaxAttempts = options.jobMaxAttempts();
        this.captions = new PgCaptionStore(pool);
        CaptionFiles captionFiles = new CaptionFiles(captions, store);
        this.automatic =
                new PgAutomaticCaptions(
                        pool,
                        new JobQueue(pool, jobMaxAttempts),
                        captionFiles,
                        options.recognition());
        this.ports =
                new CatalogPorts(
                        new PgCourseAccess(pool),
                        new PgLectureLifecycle(
                                pool,
                                jobMaxAttempts,
                                new PublishFollowUps(
                                        options.recognition().enabled(),
                                        options.slides().enabled())),
                        new RecordingLectures(pool, jobMaxAttempts),
                        new CaptionImports(captions, captionFiles));
        this.courses = new PgCourseStore(pool);
        this.members = new PgMembershipStore(pool);
        this.users = new PgUserStore(pool);
        this.lectures = new PgLectureStore(pool);
        this.search = new PgLectureSearch(pool);
        this.chapters = new PgChapterStore(pool);
        this.slides = new PgSlideStore(pool);
        this.automaticChapters =
                new PgAutomaticChapters(pool, new JobQueue(pool, jobMaxAttempts), options.slides());
        this.progress = new PgProgressStore(pool);
        this.playback = new PgPlaybackStore(pool);
        this.mediaTokens = new MediaTokens(pool);
    }

    public CatalogPorts ports() {
        return ports;
    }

    /** The port speech recognition works through. */
    public AutomaticCaptions automaticCaptions() {
        return automatic;
    }

    /** The port slide detection works through. */
    public AutomaticChapters automaticChapters() {
        return automaticChapters;
    }

    /**
     * @param root the server's root router; call this before mounting {@code api} on it, so the
     *     public routes registered here win over the authenticated sub-router
     * @param api the {@code /api/v1} sub-router, already behind authentication and a body handler
     */
    public void mount(Router root, Router api) {
        CourseAccess access = ports.access();
        root.get("/api/v1/openapi.json").handler(OpenApiDocument.handler());
        MediaCors.mount(root, delivery.corsOrigins());
        LectureRemoval removal = new LectureRemoval(lectures, courses, store);
        api.route().handler(new CallerRecorder(users));
        new CourseRoutes(courses, access, removal).mount(api);
        new MembershipRoutes(members, access).mount(api);
        new LectureListing(lectures).mount(api);
        new LectureRoutes(lectures, access, ports.lifecycle(), removal).mount(api);
        new AutomaticCaptionRoutes(automatic, access).mount(api);
        new CaptionRoutes(captions, new CaptionFiles(captions, store), access).mount(api);
        new TranscriptRoutes(captions, access).mount(api);
        new SlideRoutes(slides, automaticChapters, access, mediaTokens).mount(api);
        new ChapterRoutes(chapters, access).mount(api);
        new ProgressRoutes(progress, access).mount(api);
        new SearchRoutes(search, mediaTokens).mount(api);
        new StatusEvents(lectures, access).mount(api);
        new PlaybackRoutes(playback, access, mediaTokens).mount(api);
        new MediaRoutes(playback, store, mediaTokens, new MediaAccess(access), delivery)
                .mount(root);
    }
}
