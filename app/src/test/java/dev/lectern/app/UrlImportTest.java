package dev.lectern.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.catalog.StorageKeys;
import dev.lectern.infra.storage.ByteRange;
import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestMedia;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("URL imports")
class UrlImportTest {
    /** Workers here run ingest's jobs only: the test is about getting the source in, not encoding. */
    static final JobRegistrations IMPORTS_ONLY =
            (modules, handlers, background) -> modules.ingest().registerJobs(handlers);

    static byte[] video;
    static MediaOrigin origin;
    static MediaOrigin canary;
    static RunningLectern service;
    static String course;
    static String teacher;

    @BeforeAll
    static void start() throws Exception {
        Path dir = TestDirs.create("url-import");
        Path file = dir.resolve("talk.mp4");
        // Lossless 720p, so an 8-second clip (about 14 MB) spans three 5 MiB parts: the multipart
        // path runs, and an attempt that gives up can leave whole parts for the next one.
        TestMedia.ffmpeg(
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        "testsrc2=size=1280x720:rate=25",
                        "-f",
                        "lavfi",
                        "-i",
                        "sine=frequency=440:sample_rate=48000",
                        "-t",
                        "8",
                        "-c:v",
                        "libx264",
                        "-preset",
                        "ultrafast",
                        "-qp",
                        "0",
                        "-pix_fmt",
                        "yuv420p",
                        "-c:a",
                        "aac",
                        "-shortest",
                        file.toString()));
        video = Files.readAllBytes(file);
        assertTrue(video.length > 12 * 1024 * 1024, "test clip is " + video.length + " bytes");
        origin = new MediaOrigin(video, 1);
        canary = new MediaOrigin(new byte[0], 0);
        origin.redirect("/to-metadata", "http://169.254.169.254/latest/meta-data/");
        origin.redirect("/to-canary", canary.url("/secret.mp4"));
        service =
                new RunningLectern(
                        Map.of(
                                "LECTERN_IMPORT_ALLOWED_HOSTS", "127.0.0.1:" + origin.port(),
                                "LECTERN_S3_PART_SIZE_MB", "5",
                                "LECTERN_JOB_RETRY_BASE_SECONDS", "1"),
                        IMPORTS_ONLY);
        String admin = service.adminToken("ada");
        course = service.createCourse(admin, "IMP101", "Imports");
        service.addMember(admin, course, "tom", "teacher");
        service.addMember(admin, course, "sue", "student");
        teacher = service.token("tom");
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        origin.close();
        canary.close();
    }

    static String newLecture() {
        return service.call(
                        "POST",
                        "/api/v1/courses/" + course + "/lectures",
                        teacher,
                        new JsonObject().put("title", "Imported"),
                        201)
                .getString("id");
    }

    static JsonObject importUrl(String lecture, String url, String token, int expected) {
        return service.call(
                "POST",
                "/api/v1/courses/" + course + "/lectures/" + lecture + "/import",
                token,
                new JsonObject().put("url", url),
                expected);
    }

    static JsonObject lectureRow(String lecture) {
        var row =
                service.sql(
                                "SELECT status, error_code, origin, source_size FROM lectures WHERE id = $1::uuid",
                                lecture)
                        .iterator()
                        .next();
        return new JsonObject()
                .put("status", row.getString("status"))
                .put("error_code", row.getString("error_code"))
                .put("origin", row.getString("origin"))
                .put("source_size", row.getLong("source_size"));
    }

    /** Waits until the lecture leaves {@code uploading}; returns its row. */
    static JsonObject settled(String lecture) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline) {
            JsonObject row = lectureRow(lecture);
            if (!row.getString("status").equals("uploading")) {
                return row;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("lecture " + lecture + " is still uploading");
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    static byte[] stored(String lecture) {
        var object =
                service.infra()
                        .store
                        .get(StorageKeys.source(java.util.UUID.fromString(lecture)), ByteRange.ALL)
                        .await()
                        .orElseThrow();
        io.vertx.core.buffer.Buffer all = io.vertx.core.buffer.Buffer.buffer();
        Promise<Void> done = Promise.promise();
        object.body().handler(all::appendBuffer);
        object.body().exceptionHandler(done::tryFail);
        object.body().endHandler(done::tryComplete);
        object.body().resume();
        done.future().await();
        return all.getBytes();
    }

    @Test
    @DisplayName(
            "an attempt that gives up mid-copy leaves its parts for the next attempt, which asks"
                    + " only for the rest: no second whole-file request, the stored bytes equal the file")
    void resumesAcrossAttempts() throws Exception {
        // An attempt gives up after its sixth cut-off answer (five resumes), with one 5 MiB part
        // stored by then; the next attempt's answers are whole.
        origin.stallNext(6);
        String lecture = newLecture();
        importUrl(lecture, origin.url("/stall/talk.mp4"), teacher, 202);
        JsonObject row = settled(lecture);
        assertEquals("queued", row.getString("status"), row.encode());
        assertEquals(sha256(video), sha256(stored(lecture)));
        assertEquals(
                2,
                service.sql(
                                "SELECT attempts FROM jobs WHERE lecture_id = $1::uuid AND kind = 'import'",
                                lecture)
                        .iterator()
                        .next()
                        .getInteger(0),
                "the first attempt failed, the second finished");
        assertEquals(
                1,
                origin.stallRequests.stream().filter("whole"::equals).count(),
                "only the very first request fetched from the start: " + origin.stallRequests);
        String resumedAt = origin.stallRequests.get(6);
        long offset = Long.parseLong(resumedAt.replaceAll("bytes=(\\d+)-", "$1"));
        assertTrue(
                offset >= 5L * 1024 * 1024,
                "the second attempt went on after the stored part: " + origin.stallRequests);
        PartMemoryCheck.awaitReturned(service.lectern);
    }

    @Test
    @DisplayName(
            "a teacher imports from an allowed server that drops the connection once: the copy"
                    + " resumes with Range, the stored bytes equal the file and the lecture is queued")
    void importsAndResumes() throws Exception {
        String lecture = newLecture();
        JsonObject accepted = importUrl(lecture, origin.url("/drop/talk.mp4"), teacher, 202);
        assertEquals("uploading", accepted.getString("status"));
        JsonObject row = settled(lecture);
        assertEquals("queued", row.getString("status"), row.encode());
        assertEquals("import", row.getString("origin"));
        assertEquals(video.length, row.getLong("source_size"));
        assertEquals(sha256(video), sha256(stored(lecture)));
        assertTrue(
                origin.rangeHeaders.stream().anyMatch(r -> r.matches("bytes=[1-9]\\d*-")),
                "a ranged request resumed the copy: " + origin.rangeHeaders);
        assertTrue(PartMemoryCheck.awaitReturned(service.lectern) > 0, "blocks kept for reuse");
        assertEquals(
                1,
                service.sql(
                                "SELECT count(*) FROM jobs WHERE lecture_id = $1::uuid AND kind = 'transcode'",
                                lecture)
                        .iterator()
                        .next()
                        .getLong(0));
    }

    @Test
    @DisplayName(
            "loopback, link-local, private and non-http(s) URLs are refused with URL_NOT_ALLOWED"
                    + " and nothing is fetched")
    void refusesInternalUrls() {
        String lecture = newLecture();
        for (String url :
                List.of(
                        canary.url("/secret.mp4"),
                        "http://[::1]:" + canary.port() + "/secret.mp4",
                        "http://169.254.169.254/latest/meta-data/",
                        "http://10.0.0.1/",
                        "file:///etc/passwd",
                        "ftp://ftp.example.org/talk.mp4")) {
            JsonObject problem = importUrl(lecture, url, teacher, 422);
            assertEquals("URL_NOT_ALLOWED", problem.getString("code"), url);
        }
        assertEquals("awaiting_upload", lectureRow(lecture).getString("status"));
        assertEquals(List.of(), canary.requests);
    }

    @Test
    @DisplayName(
            "an allowed server redirecting to a refused address ends the import failed with"
                    + " URL_NOT_ALLOWED, and the redirect target gets no request")
    void refusesRedirects() throws Exception {
        for (String path : List.of("/to-metadata", "/to-canary")) {
            String lecture = newLecture();
            importUrl(lecture, origin.url(path), teacher, 202);
            JsonObject row = settled(lecture);
            assertEquals("failed", row.getString("status"), path);
            assertEquals("URL_NOT_ALLOWED", row.getString("error_code"), path);
        }
        assertEquals(List.of(), canary.requests);
    }

    @Test
    @DisplayName(
            "a missing file ends in IMPORT_FAILED; a second import while one runs is a 409; students"
                    + " and bad URLs are refused")
    void failuresAndConflicts() throws Exception {
        String lecture = newLecture();
        importUrl(lecture, origin.url("/missing"), teacher, 202);
        JsonObject conflict = importUrl(lecture, origin.url("/media/talk.mp4"), teacher, 409);
        assertEquals("LECTURE_NOT_AWAITING_UPLOAD", conflict.getString("code"));
        JsonObject row = settled(lecture);
        assertEquals("failed", row.getString("status"));
        assertEquals("IMPORT_FAILED", row.getString("error_code"));

        String other = newLecture();
        importUrl(other, origin.url("/media/talk.mp4"), service.token("sue"), 403);
        assertEquals(
                "INVALID_IMPORT_URL",
                importUrl(other, "not a url", teacher, 400).getString("code"));
        assertEquals("awaiting_upload", lectureRow(other).getString("status"));
    }

    @Test
    @DisplayName("a file over the upload size limit ends the import with TOO_LARGE")
    void tooLarge() throws Exception {
        try (RunningLectern small =
                new RunningLectern(
                        Map.of(
                                "LECTERN_IMPORT_ALLOWED_HOSTS",
                                "127.0.0.1:" + origin.port(),
                                "LECTERN_UPLOAD_MAX_SIZE_MB",
                                "1"),
                        IMPORTS_ONLY)) {
            String admin = small.adminToken("ada");
            String smallCourse = small.createCourse(admin, "BIG101", "Limits");
            String lecture =
                    small.call(
                                    "POST",
                                    "/api/v1/courses/" + smallCourse + "/lectures",
                                    admin,
                                    new JsonObject().put("title", "Too big"),
                                    201)
                            .getString("id");
            small.call(
                    "POST",
                    "/api/v1/courses/" + smallCourse + "/lectures/" + lecture + "/import",
                    admin,
                    new JsonObject().put("url", origin.url("/media/talk.mp4")),
                    202);
            long deadline = System.currentTimeMillis() + 60_000;
            String status = "uploading";
            while (status.equals("uploading") && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
                status =
                        small.sql("SELECT status FROM lectures WHERE id = $1::uuid", lecture)
                                .iterator()
                                .next()
                                .getString(0);
            }
            var row =
                    small.sql(
                                    "SELECT status, error_code FROM lectures WHERE id = $1::uuid",
                                    lecture)
                            .iterator()
                            .next();
            assertEquals("failed", row.getString("status"));
            assertEquals("TOO_LARGE", row.getString("error_code"));
        }
    }
}
