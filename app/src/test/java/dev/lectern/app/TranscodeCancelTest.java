package dev.lectern.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.catalog.StorageKeys;
import dev.lectern.catalog.lifecycle.PgLectureLifecycle;
import dev.lectern.catalog.lifecycle.SourceObject;
import dev.lectern.catalog.lifecycle.SourceSummary;
import dev.lectern.infra.config.ConfigSource;
import dev.lectern.infra.jobs.JobQueue;
import dev.lectern.infra.storage.ObjectStore.ObjectInfo;
import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestMedia;
import dev.lectern.testkit.TestSettings;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A transcode job cancelled mid-encode")
class TranscodeCancelTest {

    @Test
    @DisplayName(
            "stops ffmpeg and ends cancelled, with nothing of its attempt left in S3 or on the"
                    + " worker's disk")
    void cancelMidEncode() throws Exception {
        Map<String, String> settings = TestSettings.isolated("cancel-transcode");
        settings.put("LECTERN_WORKER_HEARTBEAT_SECONDS", "1");
        // No student watches this lecture early, so a cancelled attempt leaves nothing behind
        // (one that was shown to students keeps its sealed part: ProgressivePublishingTest).
        settings.put("LECTERN_TRANSCODE_PROGRESSIVE", "off");
        LecternConfig config = LecternConfig.from(ConfigSource.of(settings));
        try (Lectern worker = Lectern.start(config, Set.of(Role.WORKER))) {
            Infrastructure infra = worker.infrastructure();
            UUID lecture = queuedLecture(infra);
            long job =
                    waitFor(
                                    infra.pool,
                                    "SELECT id FROM jobs WHERE lecture_id = $1 AND status = 'running'",
                                    lecture,
                                    120)
                            .getLong("id");
            // Mid-encode: the first segments are stored while ffmpeg still writes the rest.
            String versions = StorageKeys.lecturePrefix(lecture) + "v";
            long deadline = System.currentTimeMillis() + 120_000;
            while (infra.store.list(versions).await().isEmpty()
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(ffmpegProcesses()).as("ffmpeg is encoding").isNotEmpty();

            new JobQueue(infra.pool, config.infra().worker().maxAttempts()).cancel(job).await();

            waitFor(
                    infra.pool,
                    "SELECT 1 FROM jobs WHERE lecture_id = $1 AND status = 'cancelled'",
                    lecture,
                    30);
            assertThat(
                            infra.store.list(StorageKeys.lecturePrefix(lecture)).await().stream()
                                    .map(ObjectInfo::key))
                    .as("only the source is left")
                    .containsExactly(StorageKeys.source(lecture));
            Path workRoot = config.infra().dataDir().resolve("tmp").resolve("transcode");
            try (Stream<Path> left = Files.exists(workRoot) ? Files.list(workRoot) : Stream.of()) {
                assertThat(left).as("the attempt's folder is deleted").isEmpty();
            }
            deadline = System.currentTimeMillis() + 10_000;
            while (!ffmpegProcesses().isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(ffmpegProcesses()).as("ffmpeg was stopped").isEmpty();
        }
    }

    private static List<ProcessHandle> ffmpegProcesses() {
        return ProcessHandle.current()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().orElse("").endsWith("ffmpeg"))
                .toList();
    }

    private static UUID queuedLecture(Infrastructure infra) throws Exception {
        Pool pool = infra.pool;
        UUID course =
                pool.query(
                                "INSERT INTO courses (code, title) VALUES ('CANCEL1', 'Cancel')"
                                        + " RETURNING id")
                        .execute()
                        .await()
                        .iterator()
                        .next()
                        .getUUID(0);
        UUID lecture =
                pool.preparedQuery(
                                "INSERT INTO lectures (course_id, title) VALUES ($1, 'Long')"
                                        + " RETURNING id")
                        .execute(Tuple.of(course))
                        .await()
                        .iterator()
                        .next()
                        .getUUID(0);
        Path clip =
                TestMedia.videoWithTone(TestDirs.create("cancel"), "long.mp4", 1280, 720, 25, 40);
        infra.store.put(StorageKeys.source(lecture), clip, "video/mp4").await();
        var lifecycle = new PgLectureLifecycle(pool, infra.config.infra().worker().maxAttempts());
        lifecycle.beginUpload(lecture).await();
        lifecycle
                .acceptSource(
                        lecture,
                        new SourceObject(StorageKeys.source(lecture), "long.mp4", Files.size(clip)),
                        new SourceSummary("mov,mp4,m4a,3gp,3g2,mj2", 40, List.of()),
                        1)
                .await();
        return lecture;
    }

    private static Row waitFor(Pool pool, String sql, UUID lecture, int seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (System.currentTimeMillis() < deadline) {
            var rows = pool.preparedQuery(sql).execute(Tuple.of(lecture)).await();
            if (rows.size() > 0) {
                return rows.iterator().next();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("waited " + seconds + " s for: " + sql);
    }
}
