package dev.lectern.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.catalog.lifecycle.LectureError;
import dev.lectern.catalog.lifecycle.LectureLifecycle;
import dev.lectern.catalog.lifecycle.PgLectureLifecycle;
import dev.lectern.catalog.lifecycle.SourceObject;
import dev.lectern.catalog.lifecycle.SourceSummary;
import dev.lectern.catalog.lifecycle.TransitionRefused;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Lecture lifecycle on PostgreSQL")
class LectureLifecycleTest {
    static CatalogFixture db;
    static LectureLifecycle lifecycle;
    static UUID course;

    @BeforeAll
    static void setUp() throws Exception {
        db = new CatalogFixture();
        lifecycle = new PgLectureLifecycle(db.pool, 3);
        course = db.course("LIFE101");
    }

    @AfterAll
    static void tearDown() throws Exception {
        db.close();
    }

    private static LectureStatus status(UUID lecture) throws Exception {
        return lifecycle.find(lecture).await().orElseThrow().status();
    }

    private static long liveJobs(UUID lecture) throws Exception {
        return db.pool
                .preparedQuery(
                        "SELECT count(*) FROM jobs WHERE lecture_id = $1 AND status = 'queued'")
                .execute(io.vertx.sqlclient.Tuple.of(lecture))
                .await()
                .iterator()
                .next()
                .getLong(0);
    }

    @Test
    @DisplayName("a source accepted after upload queues the lecture and its transcode job together")
    void happyPath() throws Exception {
        UUID lecture = db.lecture(course, "Intro");
        lifecycle.beginUpload(lecture).await();
        assertThat(status(lecture)).isEqualTo(LectureStatus.UPLOADING);

        var source = new SourceObject(StorageKeys.source(lecture), "intro.mp4", 1234);
        lifecycle.acceptSource(lecture, source, summary(61.5), 10).await();
        var state = lifecycle.find(lecture).await().orElseThrow();
        assertThat(state.status()).isEqualTo(LectureStatus.QUEUED);
        assertThat(state.sourceKey()).isEqualTo(source.key());
        assertThat(state.durationSeconds()).isEqualTo(61.5);
        assertThat(
                        db.pool
                                .preparedQuery(
                                        "SELECT source_facts ->> 'format' FROM lectures WHERE id = $1")
                                .execute(io.vertx.sqlclient.Tuple.of(lecture))
                                .await()
                                .iterator()
                                .next()
                                .getString(0))
                .as("what the source check read is kept with the lecture")
                .isEqualTo("mov,mp4,m4a,3gp,3g2,mj2");
        assertThat(liveJobs(lecture)).isEqualTo(1);

        int version = lifecycle.startProcessing(lecture).await();
        assertThat(version).isEqualTo(1);
        assertThat(lifecycle.publish(lecture, version, renditions()).await()).isEmpty();
        assertThat(status(lecture)).isEqualTo(LectureStatus.READY);
        assertThat(lifecycle.find(lecture).await().orElseThrow().publishedVersion()).isEqualTo(1);
    }

    @Test
    @DisplayName("re-processing hands out a new version and returns the replaced one for cleanup")
    void reprocess() throws Exception {
        UUID lecture = db.lecture(course, "Again");
        lifecycle.beginUpload(lecture).await();
        lifecycle.acceptSource(lecture, new SourceObject("k", "a.mp4", 1), summary(10), 10).await();
        int first = lifecycle.startProcessing(lecture).await();
        db.sql(
                "UPDATE jobs SET status = 'succeeded', finished_at = now() WHERE lecture_id = $1",
                lecture);
        lifecycle.publish(lecture, first, renditions()).await();

        lifecycle.reprocess(lecture, 50).await();
        assertThat(liveJobs(lecture)).isEqualTo(1);
        assertThat(lifecycle.find(lecture).await().orElseThrow().publishedVersion())
                .as("viewers keep the old version while the new one is made")
                .isEqualTo(first);
        int second = lifecycle.startProcessing(lecture).await();
        assertThat(second).isEqualTo(first + 1);
        assertThat(lifecycle.publish(lecture, second, renditions()).await())
                .isEqualTo(Optional.of(first));
    }

    @Test
    @DisplayName("a rejected source is kept, and the teacher can upload again")
    void rejectThenRetry() throws Exception {
        UUID lecture = db.lecture(course, "Broken");
        lifecycle.beginUpload(lecture).await();
        var source = new SourceObject(StorageKeys.source(lecture), "notes.txt", 12);
        lifecycle
                .rejectSource(lecture, source, new LectureError("NOT_MEDIA", "not a video"))
                .await();
        var state = lifecycle.find(lecture).await().orElseThrow();
        assertThat(state.status()).isEqualTo(LectureStatus.REJECTED);
        assertThat(state.sourceKey()).isEqualTo(source.key());
        assertThat(state.errorCode()).isEqualTo("NOT_MEDIA");
        assertThat(liveJobs(lecture)).isZero();

        lifecycle.beginUpload(lecture).await();
        assertThat(status(lecture)).isEqualTo(LectureStatus.UPLOADING);
        assertThat(lifecycle.find(lecture).await().orElseThrow().errorCode()).isNull();
    }

    @Test
    @DisplayName(
            "transitions from the wrong state are refused with a conflict, and nothing changes")
    void guardedTransitions() throws Exception {
        UUID lecture = db.lecture(course, "Guarded");
        assertThatThrownBy(
                        () ->
                                lifecycle
                                        .acceptSource(
                                                lecture,
                                                new SourceObject("k", "f", 1),
                                                summary(1),
                                                1)
                                        .await())
                .isInstanceOfSatisfying(
                        TransitionRefused.class,
                        e ->
                                assertThat(e.current())
                                        .as("names the state that refused it")
                                        .contains(LectureStatus.AWAITING_UPLOAD))
                .hasMessage("A lecture that is awaiting upload cannot accept a source.");
        assertThat(liveJobs(lecture)).as("the transaction rolled back").isZero();
        assertThatThrownBy(() -> lifecycle.publish(lecture, 1, renditions()).await())
                .isInstanceOf(TransitionRefused.class);
        assertThat(status(lecture)).isEqualTo(LectureStatus.AWAITING_UPLOAD);
        assertThatThrownBy(() -> lifecycle.beginUpload(UUID.randomUUID()).await())
                .isInstanceOfSatisfying(
                        TransitionRefused.class, e -> assertThat(e.lectureGone()).isTrue());
    }

    @Test
    @DisplayName("a replayed accept never creates a second job")
    void idempotentJob() throws Exception {
        UUID lecture = db.lecture(course, "Replay");
        lifecycle.beginUpload(lecture).await();
        lifecycle.acceptSource(lecture, new SourceObject("k", "f", 1), summary(1), 1).await();
        assertThatThrownBy(
                        () ->
                                lifecycle
                                        .acceptSource(
                                                lecture,
                                                new SourceObject("k", "f", 1),
                                                summary(1),
                                                1)
                                        .await())
                .isInstanceOf(TransitionRefused.class);
        lifecycle.failProcessing(lecture, new LectureError("TRANSCODE_FAILED", "gave up")).await();
        assertThat(status(lecture)).isEqualTo(LectureStatus.FAILED);
        assertThat(liveJobs(lecture)).isEqualTo(1);
    }

    @Test
    @DisplayName(
            "an import starts only from awaiting_upload, with its job in the same transaction, and"
                    + " a failed import leaves the lecture failed with its code")
    void importTransitions() throws Exception {
        UUID lecture = db.lecture(course, "Imported");
        var job =
                dev.lectern.infra.jobs.NewJob.of(
                                "import", new JsonObject().put("url", "https://example.org/a.mp4"))
                        .withMaxAttempts(3);
        lifecycle.beginImport(lecture, job).await();
        assertThat(status(lecture)).isEqualTo(LectureStatus.UPLOADING);
        assertThat(liveJobs(lecture)).isEqualTo(1);
        assertThatThrownBy(() -> lifecycle.beginImport(lecture, job).await())
                .isInstanceOfSatisfying(
                        TransitionRefused.class,
                        e -> assertThat(e.current()).contains(LectureStatus.UPLOADING));
        assertThat(liveJobs(lecture)).isEqualTo(1);

        lifecycle.failImport(lecture, new LectureError("URL_GONE", "the URL went away")).await();
        var state = lifecycle.find(lecture).await().orElseThrow();
        assertThat(state.status()).isEqualTo(LectureStatus.FAILED);
        assertThat(state.errorCode()).isEqualTo("URL_GONE");
        assertThatThrownBy(
                        () ->
                                lifecycle
                                        .failImport(lecture, new LectureError("URL_GONE", "again"))
                                        .await())
                .isInstanceOf(TransitionRefused.class);
    }

    @Test
    @DisplayName(
            "jobs that do not set their own attempts get the configured default, transcodes too")
    void configuredAttempts() throws Exception {
        var fiveTries = new PgLectureLifecycle(db.pool, 5);
        UUID uploaded = db.lecture(course, "Five tries");
        fiveTries.beginUpload(uploaded).await();
        fiveTries.acceptSource(uploaded, new SourceObject("k", "a.mp4", 1), summary(1), 10).await();
        UUID imported = db.lecture(course, "Imported, five tries");
        fiveTries
                .beginImport(imported, dev.lectern.infra.jobs.NewJob.of("import", new JsonObject()))
                .await();

        for (UUID lecture : new UUID[] {uploaded, imported}) {
            assertThat(
                            db.pool
                                    .preparedQuery(
                                            "SELECT max_attempts FROM jobs WHERE lecture_id = $1")
                                    .execute(io.vertx.sqlclient.Tuple.of(lecture))
                                    .await()
                                    .iterator()
                                    .next()
                                    .getInteger(0))
                    .isEqualTo(5);
        }
    }

    private static SourceSummary summary(double seconds) {
        return new SourceSummary("mov,mp4,m4a,3gp,3g2,mj2", seconds, List.of());
    }

    /** A rendition set as a transcode of an audio-only source would record it. */
    private static RenditionSet renditions() {
        return new RenditionSet(
                ContentKind.AUDIO_ONLY,
                ContentAnalysis.audioOnly(false, null),
                61.5,
                6,
                1,
                "eng",
                List.of(),
                List.of(),
                "master.m3u8",
                "manifest.mpd",
                "audio/index.m3u8",
                null,
                null,
                new RenditionSet.Downloads(null, 0, "download/audio.m4a", 1000));
    }
}
