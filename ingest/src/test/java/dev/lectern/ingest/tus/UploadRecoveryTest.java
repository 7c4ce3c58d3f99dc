package dev.lectern.ingest.tus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.catalog.CatalogPorts;
import dev.lectern.catalog.access.PgCourseAccess;
import dev.lectern.catalog.caption.CaptionFiles;
import dev.lectern.catalog.caption.CaptionImports;
import dev.lectern.catalog.caption.PgCaptionStore;
import dev.lectern.catalog.lifecycle.PgLectureLifecycle;
import dev.lectern.catalog.lifecycle.RecordingLectures;
import dev.lectern.infra.config.ConfigSource;
import dev.lectern.infra.config.DatabaseConfig;
import dev.lectern.infra.config.InfraConfig.WorkerConfig;
import dev.lectern.infra.db.Database;
import dev.lectern.infra.jobs.JobHandlers;
import dev.lectern.infra.jobs.JobQueue;
import dev.lectern.infra.jobs.JobWorker;
import dev.lectern.infra.storage.ByteRange;
import dev.lectern.infra.storage.MultipartStore.CompletedPart;
import dev.lectern.infra.storage.S3ObjectStore;
import dev.lectern.ingest.ImportConfig;
import dev.lectern.ingest.Ingest;
import dev.lectern.ingest.IngestConfig;
import dev.lectern.ingest.IngestOptions;
import dev.lectern.testkit.TestDatabase;
import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestMedia;
import dev.lectern.testkit.TestStorage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The crash point between "every byte stored" and "lecture judged": the state an API process
 * leaves when it dies right after the final PATCH's transaction is built here with the real
 * store, database and queue, and a worker must bring the lecture to its verdict.
 */
@DisplayName("upload completion survives the API process dying before the source is judged")
class UploadRecoveryTest {
    static final WorkerConfig FAST =
            new WorkerConfig(
                    1,
                    Duration.ofMillis(1500),
                    Duration.ofMillis(500),
                    Duration.ofSeconds(60),
                    Duration.ofMillis(200),
                    3,
                    1);
    static final IngestConfig LIMITS =
            new IngestConfig(
                    1024L * 1024 * 1024,
                    Duration.ofDays(1),
                    Duration.ofMinutes(5),
                    List.of(),
                    Duration.ofHours(8),
                    8192);
    static Vertx vertx;
    static DatabaseConfig database;
    static Pool pool;
    static S3ObjectStore store;
    static UploadStore uploads;
    static Path dataDir;
    static byte[] video;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        database = TestDatabase.freshDatabase();
        pool = Database.connect(vertx, database).await();
        store = S3ObjectStore.connect(vertx, TestStorage.freshBucket()).await();
        uploads = new UploadStore(pool);
        dataDir = TestDirs.create("recovery");
        video = Files.readAllBytes(TestMedia.videoWithTone(dataDir, "talk.mp4", 320, 180, 25, 2));
    }

    @AfterAll
    static void stop() {
        store.close();
        vertx.close().await();
    }

    /** What the final PATCH commits before it answers: all parts stored, complete + job. */
    Upload receivedButNotJudged() {
        UUID course =
                one(
                                "INSERT INTO courses (code, title) VALUES ($1, 'c') RETURNING id",
                                "C-" + UUID.randomUUID())
                        .getUUID(0);
        UUID lecture =
                one(
                                "INSERT INTO lectures (course_id, title, status)"
                                        + " VALUES ($1, 'l', 'uploading') RETURNING id",
                                course)
                        .getUUID(0);
        String key = "lectures/" + lecture + "/source/original";
        String multipartId = store.startMultipart(key, "video/mp4").await();
        Upload upload =
                uploads.create(
                                lecture,
                                key,
                                multipartId,
                                key + ".tail",
                                store.partSize(),
                                (long) video.length,
                                "talk.mp4",
                                "video/mp4",
                                "",
                                Duration.ofHours(1),
                                "tina")
                        .await();
        CompletedPart part = store.uploadPart(key, multipartId, 1, Buffer.buffer(video)).await();
        uploads.markComplete(upload, List.of(part)).await();
        return uploads.find(upload.id()).await().orElseThrow();
    }

    String lectureStatus(UUID lecture) {
        return one("SELECT status FROM lectures WHERE id = $1", lecture).getString(0);
    }

    /** The safety-net delay has passed: what a restarted cluster sees two minutes later. */
    /** Makes the safety-net job due now and wakes the workers, as the passing time would. */
    void delayElapsed(UUID lecture) {
        one(
                "WITH due AS (UPDATE jobs SET run_after = now() WHERE lecture_id = $1 AND kind = $2"
                        + " RETURNING kind) SELECT pg_notify('"
                        + JobQueue.WAKE_CHANNEL
                        + "', kind) FROM due",
                lecture,
                AcceptSourceJob.KIND);
    }

    String awaitJudged(UUID lecture) throws InterruptedException {
        String status = lectureStatus(lecture);
        for (int i = 0; i < 300 && status.equals("uploading"); i++) {
            Thread.sleep(100);
            status = lectureStatus(lecture);
        }
        return status;
    }

    String storedSha256(String key) throws Exception {
        var object = store.get(key, ByteRange.ALL).await().orElseThrow();
        Buffer all = ChunkReceiver.readAll(object.body()).await();
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(all.getBytes()));
    }

    String deployWorker() {
        JobHandlers handlers = new JobHandlers();
        ingest().registerJobs(handlers);
        return vertx.deployVerticle(
                        new JobWorker(
                                "main",
                                pool,
                                Database.connectOptions(database),
                                handlers,
                                FAST,
                                Duration.ofSeconds(5),
                                new SimpleMeterRegistry()))
                .await();
    }

    @Test
    @DisplayName(
            "complete but never judged: the lecture waits with a delayed job, then a worker queues it")
    void workerJudgesAfterCrash() throws Exception {
        Upload upload = receivedButNotJudged();
        UUID lecture = upload.lectureId();
        assertEquals("uploading", lectureStatus(lecture));
        Row job =
                one(
                        "SELECT status, run_after > now() + interval '1 minute' FROM jobs"
                                + " WHERE lecture_id = $1 AND kind = $2",
                        lecture,
                        AcceptSourceJob.KIND);
        assertEquals("queued", job.getString(0));
        assertTrue(job.getBoolean(1), "the job waits for the process that got the last byte");
        assertTrue(store.head(upload.objectKey()).await().isEmpty(), "not assembled yet");

        String worker = deployWorker();
        try {
            delayElapsed(lecture);
            assertEquals("queued", awaitJudged(lecture));
        } finally {
            vertx.undeploy(worker).await();
        }
        assertEquals(
                1,
                one(
                                "SELECT count(*) FROM jobs WHERE lecture_id = $1"
                                        + " AND kind = 'transcode'",
                                lecture)
                        .getLong(0));
        assertEquals(sha256(video), storedSha256(upload.objectKey()));
        assertTrue(uploads.find(upload.id()).await().orElseThrow().assembled());
    }

    @Test
    @DisplayName(
            "dying after S3 assembled the object but before that was recorded: the retry recognises its own object")
    void assembledButNotRecorded() throws Exception {
        Upload upload = receivedButNotJudged();
        store.completeMultipart(upload.objectKey(), upload.multipartId(), upload.parts()).await();
        UploadCompletion completion = completion();
        completion.finish(upload.id()).await();
        assertEquals("queued", lectureStatus(upload.lectureId()));
        assertEquals(sha256(video), storedSha256(upload.objectKey()));
    }

    @Test
    @DisplayName(
            "the immediate judgement and the safety-net job overlapping give one verdict and no error")
    void overlappingRunsAgree() throws Exception {
        Upload upload = receivedButNotJudged();
        UploadCompletion completion = completion();
        Future.all(completion.finish(upload.id()), completion.finish(upload.id())).await();
        completion.finish(upload.id()).await();
        assertEquals("queued", lectureStatus(upload.lectureId()));
        assertEquals(
                1,
                one(
                                "SELECT count(*) FROM jobs WHERE lecture_id = $1"
                                        + " AND kind = 'transcode'",
                                upload.lectureId())
                        .getLong(0));
    }

    private UploadCompletion completion() {
        JobHandlers handlers = new JobHandlers();
        ingest().registerJobs(handlers);
        return ((AcceptSourceJob) handlers.get(AcceptSourceJob.KIND)).completion();
    }

    private Ingest ingest() {
        int attempts = FAST.maxAttempts();
        PgCaptionStore captions = new PgCaptionStore(pool);
        return new Ingest(
                vertx,
                pool,
                store,
                TestMedia.tools(),
                new CatalogPorts(
                        new PgCourseAccess(pool),
                        new PgLectureLifecycle(pool, attempts),
                        new RecordingLectures(pool, attempts),
                        new CaptionImports(captions, new CaptionFiles(captions, store))),
                new IngestOptions(
                        LIMITS,
                        ImportConfig.from(ConfigSource.of(Map.of())),
                        dataDir.resolve("tmp").resolve("ingest")));
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    static Row one(String sql, Object... args) {
        return pool.preparedQuery(sql).execute(Tuple.from(args)).await().iterator().next();
    }
}
