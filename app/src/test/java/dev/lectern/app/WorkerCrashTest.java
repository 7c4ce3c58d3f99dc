package dev.lectern.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.catalog.StorageKeys;
import dev.lectern.catalog.lifecycle.PgLectureLifecycle;
import dev.lectern.catalog.lifecycle.SourceObject;
import dev.lectern.catalog.lifecycle.SourceSummary;
import dev.lectern.infra.auth.SigningKey;
import dev.lectern.infra.config.ConfigSource;
import dev.lectern.infra.db.Database;
import dev.lectern.infra.storage.ObjectStore.ObjectInfo;
import dev.lectern.infra.storage.S3ObjectStore;
import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestMedia;
import dev.lectern.testkit.TestProcesses;
import dev.lectern.testkit.TestSettings;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two real {@code lectern worker} processes share one database and bucket, and one data directory
 * as workers on one machine do; the one encoding a lecture is killed with SIGKILL mid-encode. Its
 * ffmpeg must die with it, the other worker must take the job over and publish it, and sweep the
 * dead attempt's scratch folder meanwhile without touching its own.
 */
@DisplayName("A worker killed mid-encode")
class WorkerCrashTest {
    /** The API a student watches through; it runs no jobs of its own. */
    private RunningLectern api;

    @Test
    @DisplayName(
            "its ffmpeg dies with it, the student watching it keeps the part stored (sealed), the other worker sweeps its scratch folder and finishes the lecture, published once, and nothing of the dead attempt is left in S3")
    void survivorFinishes() throws Exception {
        Map<String, String> settings = TestSettings.isolated("crash");
        settings.put("LECTERN_WORKER_LEASE_SECONDS", "3");
        settings.put("LECTERN_WORKER_HEARTBEAT_SECONDS", "1");
        settings.put("LECTERN_WORKER_CONCURRENCY", "1");
        settings.put("LECTERN_WORKER_SCRATCH_SWEEP_SECONDS", "1");
        Path dataDir = Path.of(settings.get("LECTERN_DATA_DIR"));
        Path transcodeScratch = dataDir.resolve("tmp").resolve("transcode");
        // Made once before the workers start, which would otherwise race to create it.
        SigningKey.loadOrCreate(dataDir.resolve("keys"));
        LecternConfig config = LecternConfig.from(ConfigSource.of(settings));
        Vertx vertx = Vertx.vertx();
        List<Process> workers = new ArrayList<>();
        List<Long> encoders = new ArrayList<>();
        String student;
        try {
            Pool pool = Database.connect(vertx, config.infra().database()).await();
            S3ObjectStore store = S3ObjectStore.connect(vertx, config.infra().storage()).await();
            UUID lecture = queuedLecture(pool, store, config.infra().worker().maxAttempts());
            api = new RunningLectern(settings, (modules, main, background) -> {});
            student = api.token("sam");
            for (int i = 0; i < 2; i++) {
                workers.add(startWorker(settings));
            }

            // Mid-encode: students already watch the first segments while ffmpeg writes the rest.
            Row preview =
                    waitFor(
                            pool,
                            "SELECT preview_version FROM lectures WHERE id = $1 AND preview_version IS NOT NULL",
                            lecture,
                            120);
            JsonObject watching = api.call("GET", playbackPath(lecture), student, null, 200);
            assertThat(watching.getBoolean("complete")).isFalse();
            assertThat(watching.getInteger("version"))
                    .isEqualTo(preview.getInteger("preview_version"));
            String media = mediaPlaylist(watching.getString("hls"));
            String firstSegment = firstSegment(media);
            assertThat(api.http.get(firstSegment, null).status()).isEqualTo(200);
            Row running =
                    waitFor(
                            pool,
                            "SELECT id, lease_owner FROM jobs WHERE lecture_id = $1 AND status = 'running'",
                            lecture,
                            5);
            long pid = Long.parseLong(running.getString("lease_owner").split("/")[1]);
            Process victim = workers.stream().filter(p -> p.pid() == pid).findFirst().orElseThrow();
            Path deadScratch = transcodeScratch.resolve("job-" + running.getLong("id") + "-1");
            assertThat(deadScratch).as("the attempt's scratch folder").isDirectory();
            assertThat(deadScratch.resolve("source"))
                    .as("no copy of the source: ffmpeg reads it from S3")
                    .doesNotExist();
            victim.descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains(deadScratch.toString()))
                    .map(ProcessHandle::pid)
                    .forEach(encoders::add);
            assertThat(encoders)
                    .as("the victim's ffmpeg, writing into its scratch folder")
                    .isNotEmpty();
            victim.destroyForcibly().waitFor();
            long killedAt = System.nanoTime();

            // The student's playlist stays, and the next attempt ends it with what was stored, so
            // the player reaches its end instead of waiting for segments that will never come.
            long sealDeadline = System.currentTimeMillis() + 30_000;
            String sealed = api.http.get(media, null).body();
            while (!sealed.contains("#EXT-X-ENDLIST")
                    && System.currentTimeMillis() < sealDeadline) {
                Thread.sleep(100);
                sealed = api.http.get(media, null).body();
            }
            assertThat(sealed).as("the dead attempt's playlist, sealed").contains("#EXT-X-ENDLIST");
            assertThat(api.http.get(firstSegment, null).status())
                    .as("what the student was watching is still served")
                    .isEqualTo(200);

            assertThat(TestProcesses.stillRunning(encoders, Duration.ofSeconds(3)))
                    .as("ffmpeg died with its worker")
                    .isEmpty();
            System.out.printf(
                    "ffmpeg gone %d ms after the kill%n",
                    (System.nanoTime() - killedAt) / 1_000_000);
            long sweepDeadline = System.currentTimeMillis() + 15_000;
            while (Files.exists(deadScratch) && System.currentTimeMillis() < sweepDeadline) {
                Thread.sleep(100);
            }
            assertThat(deadScratch).as("the dead attempt's scratch folder, swept").doesNotExist();
            System.out.printf(
                    "scratch folder swept %d ms after the kill%n",
                    (System.nanoTime() - killedAt) / 1_000_000);

            Row done =
                    waitFor(
                            pool,
                            "SELECT status, published_version FROM lectures WHERE id = $1 AND status IN ('ready', 'failed')",
                            lecture,
                            180);
            assertThat(done.getString("status")).isEqualTo("ready");
            int version = done.getInteger("published_version");
            // The job is marked done just after the lecture is published, in its own statement.
            Row job =
                    waitFor(
                            pool,
                            "SELECT status, attempts, lease_owner FROM jobs WHERE lecture_id = $1 AND status <> 'running'",
                            lecture,
                            30);
            assertThat(job.getString("status")).isEqualTo("succeeded");
            assertThat(job.getInteger("attempts")).isEqualTo(2);
            JsonObject finished = api.call("GET", playbackPath(lecture), student, null, 200);
            assertThat(finished.getBoolean("complete")).isTrue();
            assertThat(finished.getInteger("version")).isEqualTo(version);
            assertThat(api.http.get(mediaPlaylist(finished.getString("hls")), null).body())
                    .contains("#EXT-X-ENDLIST");

            List<String> keys =
                    store.list(StorageKeys.lecturePrefix(lecture)).await().stream()
                            .map(ObjectInfo::key)
                            .toList();
            String published = StorageKeys.versionPrefix(lecture, version);
            assertThat(keys)
                    .contains(StorageKeys.source(lecture))
                    .anyMatch(k -> k.startsWith(published + "master.m3u8"));
            assertThat(keys)
                    .as("only the source and the published version remain")
                    .allMatch(
                            k -> k.equals(StorageKeys.source(lecture)) || k.startsWith(published));
            try (var left = Files.list(transcodeScratch)) {
                assertThat(left).as("scratch folders left on the machine").isEmpty();
            }
            store.close();
            pool.close().await();
        } finally {
            workers.forEach(Process::destroyForcibly);
            if (api != null) {
                api.close();
            }
            // Should the feature break, the orphan must not encode on beside the next tests.
            encoders.forEach(
                    pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            vertx.close().await();
        }
    }

    private static UUID queuedLecture(Pool pool, S3ObjectStore store, int maxAttempts)
            throws Exception {
        UUID course =
                pool.query(
                                "INSERT INTO courses (code, title) VALUES ('CRASH1', 'Crash') RETURNING id")
                        .execute()
                        .await()
                        .iterator()
                        .next()
                        .getUUID(0);
        UUID lecture =
                pool.preparedQuery(
                                "INSERT INTO lectures (course_id, title, visibility) VALUES ($1, 'Long', 'published') RETURNING id")
                        .execute(Tuple.of(course))
                        .await()
                        .iterator()
                        .next()
                        .getUUID(0);
        pool.query("INSERT INTO users (id) VALUES ('sam')").execute().await();
        pool.preparedQuery(
                        "INSERT INTO memberships (course_id, user_id, role) VALUES ($1, 'sam', 'student')")
                .execute(Tuple.of(course))
                .await();
        Path clip =
                TestMedia.videoWithTone(TestDirs.create("crash"), "long.mp4", 1280, 720, 25, 40);
        store.put(StorageKeys.source(lecture), clip, "video/mp4").await();
        var lifecycle = new PgLectureLifecycle(pool, maxAttempts);
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

    private static String playbackPath(UUID lecture) {
        return "/api/v1/lectures/" + lecture + "/playback";
    }

    /** The URL of the first variant's media playlist in a master playlist at {@code master}. */
    private String mediaPlaylist(String master) {
        return firstUri(master, api.http.get(master, null).body());
    }

    private String firstSegment(String mediaPlaylist) {
        return firstUri(mediaPlaylist, api.http.get(mediaPlaylist, null).body());
    }

    private static String firstUri(String base, String playlist) {
        String line =
                playlist.lines()
                        .filter(l -> !l.isBlank() && !l.startsWith("#"))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no URI in " + playlist));
        return java.net.URI.create(base).resolve(line).toString();
    }

    private static Process startWorker(Map<String, String> settings) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(
                List.of(
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "worker"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.redirectOutput(TestDirs.create("worker-log").resolve("worker.log").toFile());
        Map<String, String> env = new HashMap<>(settings);
        builder.environment().keySet().removeIf(k -> k.startsWith("LECTERN_"));
        builder.environment().putAll(env);
        return builder.start();
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
