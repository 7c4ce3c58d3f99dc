package dev.lectern.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.catalog.StorageKeys;
import dev.lectern.catalog.lifecycle.PgLectureLifecycle;
import dev.lectern.catalog.lifecycle.SourceObject;
import dev.lectern.catalog.lifecycle.SourceSummary;
import dev.lectern.infra.storage.ObjectStore.ObjectInfo;
import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestMedia;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A queued lecture goes through the worker in the running service: the real ffmpeg ladder is
 * published to S3 under a version folder and played back through the media route.
 */
@DisplayName("From queued source to a playable lecture")
class TranscodePipelineTest {
    static RunningLectern app;

    @BeforeAll
    static void start() {
        app = new RunningLectern();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    @DisplayName(
            "a worker transcodes the source, publishes version 1, and a student can fetch its playlists")
    void queuedLectureBecomesReady() throws Exception {
        UUID course =
                app.sql(
                                "INSERT INTO courses (code, title) VALUES ('PIPE1', 'Pipeline') RETURNING id")
                        .iterator()
                        .next()
                        .getUUID(0);
        app.sql("INSERT INTO users (id) VALUES ('stu'), ('tea')");
        app.sql(
                "INSERT INTO memberships (course_id, user_id, role) VALUES ($1, 'stu', 'student'), ($1, 'tea', 'teacher')",
                course);
        UUID lecture =
                app.sql(
                                "INSERT INTO lectures (course_id, title, visibility) VALUES ($1, 'Clip', 'published') RETURNING id",
                                course)
                        .iterator()
                        .next()
                        .getUUID(0);
        Path clip =
                TestMedia.videoWithTone(TestDirs.create("pipeline"), "clip.mp4", 640, 360, 25, 8);
        var infra = app.infra();
        Blocking.await(infra.store.put(StorageKeys.source(lecture), clip, "video/mp4"));
        var lifecycle =
                new PgLectureLifecycle(infra.pool, infra.config.infra().worker().maxAttempts());
        Blocking.await(lifecycle.beginUpload(lecture));
        ScratchWatch scratch =
                new ScratchWatch(Modules.scratchRoot(infra).resolve("transcode"), Files.size(clip));
        Blocking.await(
                lifecycle.acceptSource(
                        lecture,
                        new SourceObject(StorageKeys.source(lecture), "clip.mp4", Files.size(clip)),
                        new SourceSummary("mov,mp4,m4a,3gp,3g2,mj2", 8, List.of()),
                        1));

        long deadline = System.currentTimeMillis() + 180_000;
        String status = "";
        while (System.currentTimeMillis() < deadline) {
            status =
                    app.sql("SELECT status FROM lectures WHERE id = $1", lecture)
                            .iterator()
                            .next()
                            .getString(0);
            if (status.equals("ready") || status.equals("failed")) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(status).isEqualTo("ready");
        scratch.stop();
        assertThat(scratch.filesSeen())
                .as("the watch saw the transcode's scratch files")
                .isPositive();
        assertThat(scratch.copiesSeen())
                .as("ffmpeg reads the source from S3: no copy of it in the scratch folder")
                .isEmpty();
        var row =
                app.sql("SELECT published_version, renditions FROM lectures WHERE id = $1", lecture)
                        .iterator()
                        .next();
        assertThat(row.getInteger(0)).isEqualTo(1);
        // The job is marked done just after the lecture is published, in its own statement.
        String job = "";
        for (int i = 0; i < 50 && !job.equals("succeeded"); i++) {
            job =
                    app.sql("SELECT status FROM jobs WHERE lecture_id = $1", lecture)
                            .iterator()
                            .next()
                            .getString(0);
            if (!job.equals("succeeded")) {
                Thread.sleep(100);
            }
        }
        assertThat(job).isEqualTo("succeeded");

        var keys =
                Blocking.await(infra.store.list(StorageKeys.versionPrefix(lecture, 1))).stream()
                        .map(ObjectInfo::key)
                        .toList();
        assertThat(keys)
                .anyMatch(k -> k.endsWith("/master.m3u8"))
                .anyMatch(k -> k.endsWith("/manifest.mpd"))
                .anyMatch(k -> k.endsWith(".m4s"));
        assertThat(Blocking.await(infra.store.head(StorageKeys.source(lecture))))
                .as("the original is kept")
                .isPresent();

        JsonObject playback =
                app.call(
                        "GET",
                        "/api/v1/lectures/" + lecture + "/playback",
                        app.token("stu"),
                        null,
                        200);
        String hls = playback.getString("hls");
        var master = app.http.send("GET", hls.substring(hls.indexOf("/media/")), null, null);
        assertThat(master.status()).isEqualTo(200);
        assertThat(master.body()).contains("#EXT-X-STREAM-INF").contains("token=");

        String dash = playback.getString("dash");
        String dashPath = dash.substring(dash.indexOf("/media/"));
        var manifest = app.http.send("GET", dashPath, null, null);
        assertThat(manifest.status()).isEqualTo(200);
        assertThat(manifest.header("Content-Type")).isEqualTo("application/dash+xml");
        List<String> urls = DashManifestUrls.of(app.http.baseUrl() + dashPath, manifest.body());
        assertThat(urls)
                .as("video and audio initialization and media segments")
                .hasSizeGreaterThanOrEqualTo(6)
                .allMatch(url -> url.contains("token="), "every URL carries the token");
        for (String url : urls) {
            assertThat(app.http.get(url, null).status()).as(url).isEqualTo(200);
        }
        String segment = urls.getLast();
        assertThat(app.http.get(segment.replaceAll("[?&]token=[^&]*", ""), null).status())
                .isEqualTo(403);
    }

    /**
     * Looks through the worker's scratch folder every few milliseconds while a transcode runs, for
     * a local copy of the source: a file named {@code source} or one of exactly its size.
     */
    static final class ScratchWatch {
        private final Path root;
        private final long sourceSize;
        private final Set<Path> seen = ConcurrentHashMap.newKeySet();
        private final Set<Path> copies = ConcurrentHashMap.newKeySet();
        private final Thread thread;
        private volatile boolean watching = true;

        ScratchWatch(Path root, long sourceSize) {
            this.root = root;
            this.sourceSize = sourceSize;
            this.thread = Thread.ofPlatform().daemon().start(this::watch);
        }

        private void watch() {
            while (watching) {
                try (Stream<Path> files = Files.walk(root)) {
                    files.filter(Files::isRegularFile).forEach(this::look);
                } catch (IOException | UncheckedIOException e) {
                    // The folder or a file in it went away while being listed: look again.
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void look(Path file) {
            seen.add(file);
            try {
                if (file.getFileName().toString().equals("source")
                        || Files.size(file) == sourceSize) {
                    copies.add(file);
                }
            } catch (IOException e) {
                // Deleted since it was listed.
            }
        }

        void stop() throws InterruptedException {
            watching = false;
            thread.join();
        }

        int filesSeen() {
            return seen.size();
        }

        Set<Path> copiesSeen() {
            return copies;
        }
    }
}
