package dev.lectern.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.catalog.StorageKeys;
import dev.lectern.testkit.TestHttp;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL and S3 behind fault proxies: while either is frozen or down, callers hear 503 with
 * Retry-After within the answer deadline and answers come back with them; a transcode across both
 * outages is published once, with nothing left over. Uploads across outages: {@link
 * UploadOutageTest}.
 */
@DisplayName("Outages of PostgreSQL and S3")
class OutageTest {

    private static FaultyLectern faults;

    @BeforeAll
    static void start() {
        faults = new FaultyLectern("outage");
    }

    @AfterEach
    void heal() {
        faults.heal();
    }

    @AfterAll
    static void stop() {
        faults.close();
    }

    @Test
    @DisplayName("a frozen or stopped PostgreSQL gives 503 with Retry-After within the deadline")
    void databaseOutage() {
        String lectures = "/api/v1/lectures?faults.course=" + faults.course;
        assertEquals(200, faults.app.http.get(lectures, faults.teacher).status());

        faults.database.freeze();
        assertUnavailableInTime(() -> faults.app.http.get(lectures, faults.teacher));
        faults.database.down();
        assertUnavailableInTime(() -> faults.app.http.get(lectures, faults.teacher));

        faults.database.pass();
        assertEquals(
                200,
                faults.app.http.get(lectures, faults.teacher).status(),
                "answers again once back");
    }

    @Test
    @DisplayName("segments from a frozen or stopped S3 give 503 within the deadline")
    void storageOutage() {
        UUID lecture =
                faults.app.createLecture(faults.teacher, faults.course, "Stored", "published");
        String key = StorageKeys.versionPrefix(lecture, 1) + "360p/seg_00000.m4s";
        Blocking.await(
                faults.app
                        .infra()
                        .store
                        .put(key, io.vertx.core.buffer.Buffer.buffer(new byte[4096]), "video/mp4"));
        faults.app.sql(
                "UPDATE lectures SET status = 'ready', last_version = 1, published_version = 1,"
                        + " renditions = $2 WHERE id = $1",
                lecture,
                Renditions.json());
        String token =
                faults.app
                        .call(
                                "GET",
                                "/api/v1/lectures/" + lecture + "/playback",
                                faults.teacher,
                                null,
                                200)
                        .getString("token");
        String segment = "/media/" + lecture + "/v1/360p/seg_00000.m4s?token=" + token;
        assertEquals(200, faults.app.http.get(segment, null).status());

        faults.storage.freeze();
        assertUnavailableInTime(() -> faults.app.http.get(segment, null));
        faults.storage.down();
        assertUnavailableInTime(() -> faults.app.http.get(segment, null));

        faults.storage.pass();
        assertEquals(200, faults.app.http.get(segment, null).status(), "served again once back");
    }

    @Test
    @DisplayName(
            "a transcode across a database freeze and an S3 outage is published once, with nothing left over")
    void transcodeAcrossOutages() throws Exception {
        UUID lecture =
                faults.app.createLecture(
                        faults.teacher, faults.course, "Transcoded through faults", "published");
        java.nio.file.Path video =
                dev.lectern.testkit.TestMedia.videoWithTone(
                        dev.lectern.testkit.TestDirs.create("outage-media"),
                        "talk.mp4",
                        640,
                        360,
                        25,
                        8);
        faults.app.upload(faults.teacher, lecture, video);
        assertEquals(
                "processing",
                faults.app.awaitStatus(
                        lecture,
                        status -> !status.equals("uploading") && !status.equals("queued"),
                        30));
        // Once the first segment is stored (6 s into this 8 s source, encoded at real time), S3
        // goes down and stays down until the attempt has failed: either ffmpeg was still reading
        // the source and gives up after its reconnects (about 26 s, MediaTools), or the attempt's
        // next upload fails sooner. Bringing S3 back earlier would let ffmpeg resume the read and
        // the attempt succeed, and this test would not see a failed attempt cleaned up.
        String version = StorageKeys.lecturePrefix(lecture) + "v";
        long deadline = System.currentTimeMillis() + 60_000;
        while (Blocking.await(faults.app.infra().store.list(version)).isEmpty()
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        faults.storage.down();
        deadline = System.currentTimeMillis() + 60_000;
        while (faults.app
                                .sql(
                                        "SELECT 1 FROM jobs WHERE lecture_id = $1 AND kind = 'transcode'"
                                                + " AND last_error IS NOT NULL",
                                        lecture)
                                .size()
                        == 0
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        faults.storage.pass();
        faults.database.freeze();
        Thread.sleep(2000);
        faults.database.pass();
        assertEquals("ready", faults.app.awaitSettled(lecture));
        int attempts =
                faults.app
                        .sql(
                                "SELECT attempts FROM jobs WHERE lecture_id = $1 AND kind = 'transcode'",
                                lecture)
                        .iterator()
                        .next()
                        .getInteger(0);
        assertTrue(attempts >= 2, "the outage failed an attempt (" + attempts + ")");

        int published =
                faults.app
                        .sql("SELECT published_version FROM lectures WHERE id = $1", lecture)
                        .iterator()
                        .next()
                        .getInteger(0);
        java.util.Set<String> folders = new java.util.TreeSet<>();
        for (var object :
                Blocking.await(faults.app.infra().store.list(StorageKeys.lecturePrefix(lecture)))) {
            folders.add(
                    object.key()
                            .substring(StorageKeys.lecturePrefix(lecture).length())
                            .split("/")[0]);
        }
        assertEquals(
                new java.util.TreeSet<>(java.util.List.of("source", "v" + published)),
                folders,
                "the source and the published version, nothing from failed attempts");
        assertEquals(
                java.util.List.of(),
                Blocking.await(
                        faults.app.infra().store.openUploads(StorageKeys.lecturePrefix(lecture))),
                "no unfinished multipart upload");
    }

    private static void assertUnavailableInTime(
            java.util.function.Supplier<TestHttp.Response> request) {
        long start = System.nanoTime();
        TestHttp.Response response = request.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(503, response.status(), response.body());
        assertEquals("5", response.header("Retry-After"));
        assertEquals("UNAVAILABLE", new JsonObject(response.body()).getString("code"));
        assertTrue(
                seconds < FaultyLectern.DEADLINE_SECONDS + 1.5, "answered after " + seconds + " s");
    }
}
