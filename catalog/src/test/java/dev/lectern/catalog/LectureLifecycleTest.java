package dev.lectern.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.catalog.lifecycle.LectureLifecycle;
import dev.lectern.catalog.lifecycle.PgLectureLifecycle;
import dev.lectern.catalog.lifecycle.SourceObject;
import dev.lectern.infra.http.ApiException;
import io.vertx.core.json.JsonObject;
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
        lifecycle
                .acceptSource(lecture, source, new JsonObject().put("container", "mp4"), 61.5, 10)
                .await();
        var state = lifecycle.find(lecture).await().orElseThrow();
        assertThat(state.status()).isEqualTo(LectureStatus.QUEUED);
        assertThat(state.sourceKey()).isEqualTo(source.key());
        assertThat(state.durationSeconds()).isEqualTo(61.5);
        assertThat(state.sourceFacts().getString("container")).isEqualTo("mp4");
        assertThat(liveJobs(lecture)).isEqualTo(1);

        int version = lifecycle.startProcessing(lecture).await();
        assertThat(version).isEqualTo(1);
        assertThat(
                        lifecycle
                                .publish(lecture, version, new JsonObject().put("renditions", 3))
                                .await())
                .isEmpty();
        assertThat(status(lecture)).isEqualTo(LectureStatus.READY);
        assertThat(lifecycle.find(lecture).await().orElseThrow().publishedVersion()).isEqualTo(1);
    }

    @Test
    @DisplayName("re-processing hands out a new version and returns the replaced one for cleanup")
    void reprocess() throws Exception {
        UUID lecture = db.lecture(course, "Again");
        lifecycle.beginUpload(lecture).await();
        lifecycle
                .acceptSource(lecture, new SourceObject("k", "a.mp4", 1), new JsonObject(), 10, 10)
                .await();
        int first = lifecycle.startProcessing(lecture).await();
        db.sql(
                "UPDATE jobs SET status = 'succeeded', finished_at = now() WHERE lecture_id = $1",
                lecture);
        lifecycle.publish(lecture, first, new JsonObject()).await();

        lifecycle.reprocess(lecture, 50).await();
        assertThat(liveJobs(lecture)).isEqualTo(1);
        assertThat(lifecycle.find(lecture).await().orElseThrow().publishedVersion())
                .as("viewers keep the old version while the new one is made")
                .isEqualTo(first);
        int second = lifecycle.startProcessing(lecture).await();
        assertThat(second).isEqualTo(first + 1);
        assertThat(lifecycle.publish(lecture, second, new JsonObject()).await())
                .isEqualTo(Optional.of(first));
    }

    @Test
    @DisplayName("a rejected source is kept, and the teacher can upload again")
    void rejectThenRetry() throws Exception {
        UUID lecture = db.lecture(course, "Broken");
        lifecycle.beginUpload(lecture).await();
        var source = new SourceObject(StorageKeys.source(lecture), "notes.txt", 12);
        lifecycle
                .rejectSource(lecture, source, CatalogProblem.LECTURE_STATE_CONFLICT, "not a video")
                .await();
        var state = lifecycle.find(lecture).await().orElseThrow();
        assertThat(state.status()).isEqualTo(LectureStatus.REJECTED);
        assertThat(state.sourceKey()).isEqualTo(source.key());
        assertThat(state.errorCode()).isEqualTo("LECTURE_STATE_CONFLICT");
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
                                                new JsonObject(),
                                                1,
                                                1)
                                        .await())
                .isInstanceOf(ApiException.class)
                .satisfies(
                        e ->
                                assertThat(((ApiException) e).code())
                                        .isEqualTo(CatalogProblem.LECTURE_STATE_CONFLICT))
                .hasMessageContaining("awaiting upload");
        assertThat(liveJobs(lecture)).as("the transaction rolled back").isZero();
        assertThatThrownBy(() -> lifecycle.publish(lecture, 1, new JsonObject()).await())
                .isInstanceOf(ApiException.class);
        assertThat(status(lecture)).isEqualTo(LectureStatus.AWAITING_UPLOAD);
        assertThatThrownBy(() -> lifecycle.beginUpload(UUID.randomUUID()).await())
                .satisfies(
                        e ->
                                assertThat(((ApiException) e).code())
                                        .isEqualTo(CatalogProblem.LECTURE_NOT_FOUND));
    }

    @Test
    @DisplayName("a replayed accept never creates a second job")
    void idempotentJob() throws Exception {
        UUID lecture = db.lecture(course, "Replay");
        lifecycle.beginUpload(lecture).await();
        lifecycle
                .acceptSource(lecture, new SourceObject("k", "f", 1), new JsonObject(), 1, 1)
                .await();
        assertThatThrownBy(
                        () ->
                                lifecycle
                                        .acceptSource(
                                                lecture,
                                                new SourceObject("k", "f", 1),
                                                new JsonObject(),
                                                1,
                                                1)
                                        .await())
                .isInstanceOf(ApiException.class);
        lifecycle.failProcessing(lecture, CatalogProblem.LECTURE_STATE_CONFLICT, "gave up").await();
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
                        ApiException.class,
                        e -> assertThat(e.code()).isEqualTo(CatalogProblem.LECTURE_STATE_CONFLICT));
        assertThat(liveJobs(lecture)).isEqualTo(1);

        lifecycle.failImport(lecture, CatalogProblem.INVALID_FIELD, "the URL went away").await();
        var state = lifecycle.find(lecture).await().orElseThrow();
        assertThat(state.status()).isEqualTo(LectureStatus.FAILED);
        assertThat(state.errorCode()).isEqualTo("INVALID_FIELD");
        assertThatThrownBy(
                        () ->
                                lifecycle
                                        .failImport(lecture, CatalogProblem.INVALID_FIELD, "again")
                                        .await())
                .isInstanceOf(ApiException.class);
    }

    @Test
    @DisplayName(
            "jobs that do not set their own attempts get the configured default, transcodes too")
    void configuredAttempts() throws Exception {
        var fiveTries = new PgLectureLifecycle(db.pool, 5);
        UUID uploaded = db.lecture(course, "Five tries");
        fiveTries.beginUpload(uploaded).await();
        fiveTries
                .acceptSource(uploaded, new SourceObject("k", "a.mp4", 1), new JsonObject(), 1, 10)
                .await();
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
}
