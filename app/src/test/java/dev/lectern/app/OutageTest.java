package dev.lectern.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.catalog.StorageKeys;
import dev.lectern.infra.storage.MultipartStore;
import dev.lectern.infra.storage.ObjectFiles;
import dev.lectern.testkit.FaultProxy;
import dev.lectern.testkit.TestHttp;
import dev.lectern.testkit.TestSettings;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL and S3 behind fault proxies: while either is frozen or down, callers hear 503 with
 * Retry-After within the answer deadline, and an upload loses nothing it sent.
 */
@DisplayName("Outages of PostgreSQL and S3")
class OutageTest {
    private static final int DEADLINE_SECONDS = 2;
    private static final int MIB = 1024 * 1024;

    private static FaultProxy database;
    private static FaultProxy storage;
    private static RunningLectern app;
    private static String teacher;
    private static String course;

    @BeforeAll
    static void start() {
        Map<String, String> settings = TestSettings.isolated("outage");
        URI db = URI.create(settings.get("LECTERN_DATABASE_URL"));
        URI s3 = URI.create(settings.get("LECTERN_S3_ENDPOINT"));
        database = new FaultProxy(db.getHost(), db.getPort());
        storage = new FaultProxy(s3.getHost(), s3.getPort());
        app =
                new RunningLectern(
                        Map.of(
                                "LECTERN_DATABASE_URL",
                                "postgresql://127.0.0.1:" + database.port() + db.getPath(),
                                "LECTERN_S3_ENDPOINT",
                                "http://127.0.0.1:" + storage.port(),
                                "LECTERN_S3_PART_SIZE_MB",
                                "5",
                                "LECTERN_HTTP_ANSWER_DEADLINE_SECONDS",
                                Integer.toString(DEADLINE_SECONDS),
                                // A transcode attempt an outage failed runs again at once.
                                "LECTERN_JOB_RETRY_BASE_SECONDS",
                                "1",
                                "LECTERN_JOB_MAX_ATTEMPTS",
                                "6"));
        String admin = app.adminToken("root");
        teacher = app.token("tina");
        course = app.createCourse(admin, "OUT", "Outages");
        app.addMember(admin, course, "tina", "teacher");
    }

    @AfterEach
    void heal() {
        database.pass();
        storage.pass();
    }

    @AfterAll
    static void stop() {
        app.close();
        database.close();
        storage.close();
    }

    @Test
    @DisplayName("a frozen or stopped PostgreSQL gives 503 with Retry-After within the deadline")
    void databaseOutage() {
        String lectures = "/api/v1/lectures?course=" + course;
        assertEquals(200, app.http.get(lectures, teacher).status());

        database.freeze();
        assertUnavailableInTime(() -> app.http.get(lectures, teacher));
        database.down();
        assertUnavailableInTime(() -> app.http.get(lectures, teacher));

        database.pass();
        assertEquals(200, app.http.get(lectures, teacher).status(), "answers again once back");
    }

    @Test
    @DisplayName("segments from a frozen or stopped S3 give 503 within the deadline")
    void storageOutage() {
        UUID lecture = app.createLecture(teacher, course, "Stored", "published");
        String key = StorageKeys.versionPrefix(lecture, 1) + "360p/seg_00000.m4s";
        Blocking.await(
                app.infra()
                        .store
                        .put(key, io.vertx.core.buffer.Buffer.buffer(new byte[4096]), "video/mp4"));
        app.sql(
                "UPDATE lectures SET status = 'ready', last_version = 1, published_version = 1,"
                        + " renditions = $2 WHERE id = $1",
                lecture,
                Renditions.json());
        String token =
                app.call("GET", "/api/v1/lectures/" + lecture + "/playback", teacher, null, 200)
                        .getString("token");
        String segment = "/media/" + lecture + "/v1/360p/seg_00000.m4s?token=" + token;
        assertEquals(200, app.http.get(segment, null).status());

        storage.freeze();
        assertUnavailableInTime(() -> app.http.get(segment, null));
        storage.down();
        assertUnavailableInTime(() -> app.http.get(segment, null));

        storage.pass();
        assertEquals(200, app.http.get(segment, null).status(), "served again once back");
    }

    @Test
    @DisplayName(
            "a PATCH during a database freeze hears 503, and the parts it stored count once the database is back")
    void uploadAcrossDatabaseFreeze() throws Exception {
        UUID lecture = app.createLecture(teacher, course, "Uploaded", "draft");
        byte[] file = new byte[16 * MIB + 12345];
        new Random(7).nextBytes(file);
        String upload = createUpload(lecture, file.length);

        assertEquals(204, patch(upload, file, 0, 5 * MIB, null).status());

        database.freeze();
        TestHttp.Response refused = patch(upload, file, 5 * MIB, 5 * MIB, null);
        assertEquals(503, refused.status(), "refused while the upload cannot even be looked up");
        database.pass();
        assertEquals(5 * MIB, awaitOffset(upload, 5 * MIB));

        // The database freezes while the body arrives: its parts reach S3, their record waits.
        long sent = System.nanoTime();
        UUID uploadId = UUID.fromString(upload.substring(upload.lastIndexOf('/') + 1));
        TestHttp.Response frozen =
                patch(
                        upload,
                        file,
                        5 * MIB,
                        10 * MIB,
                        () -> {
                            awaitStoredParts(uploadId, 2);
                            database.freeze();
                        });
        double seconds = (System.nanoTime() - sent) / 1e9;
        assertEquals(503, frozen.status(), frozen.body());
        assertEquals("5", frozen.header("Retry-After"));
        assertTrue(seconds < DEADLINE_SECONDS + 5, "answered after " + seconds + " s");

        database.pass();
        long offset = awaitOffset(upload, 15 * MIB);
        assertEquals(
                15 * MIB,
                offset,
                "the two parts stored during the freeze are kept; S3 holds "
                        + storedParts(uploadId)
                        + " parts");

        TestHttp.Response last =
                patch(upload, file, (int) offset, file.length - (int) offset, null);
        assertEquals(204, last.status(), last.body());
        assertArrayEquals(
                sha256(file),
                sha256(awaitSource(lecture)),
                "the source is the file, byte for byte");
    }

    @Test
    @DisplayName(
            "a PATCH while S3 is down hears 503, the offset stays at what S3 holds, and the upload finishes byte for byte")
    void uploadAcrossStorageOutage() throws Exception {
        UUID lecture = app.createLecture(teacher, course, "Uploaded past S3", "draft");
        byte[] file = new byte[10 * MIB + 777];
        new Random(11).nextBytes(file);
        String upload = createUpload(lecture, file.length);
        assertEquals(204, patch(upload, file, 0, 5 * MIB, null).status());

        storage.down();
        TestHttp.Response down = patch(upload, file, 5 * MIB, 5 * MIB, null);
        assertEquals(503, down.status(), down.body());
        storage.pass();
        long offset = awaitOffset(upload, 5 * MIB);
        assertEquals(5 * MIB, offset, "only what S3 stored counts");

        TestHttp.Response rest =
                patch(upload, file, (int) offset, file.length - (int) offset, null);
        assertEquals(204, rest.status(), rest.body());
        assertArrayEquals(sha256(file), sha256(awaitSource(lecture)));
    }

    @Test
    @DisplayName(
            "a transcode across a database freeze and an S3 outage is published once, with nothing left over")
    void transcodeAcrossOutages() throws Exception {
        UUID lecture = app.createLecture(teacher, course, "Transcoded through faults", "published");
        java.nio.file.Path video =
                dev.lectern.testkit.TestMedia.videoWithTone(
                        dev.lectern.testkit.TestDirs.create("outage-media"),
                        "talk.mp4",
                        640,
                        360,
                        25,
                        8);
        app.upload(teacher, lecture, video);
        awaitStatus(lecture, "processing", 30);
        storage.down();
        Thread.sleep(2000);
        storage.pass();
        database.freeze();
        Thread.sleep(2000);
        database.pass();
        awaitStatus(lecture, "ready", 90);
        int attempts =
                app.sql(
                                "SELECT attempts FROM jobs WHERE lecture_id = $1 AND kind = 'transcode'",
                                lecture)
                        .iterator()
                        .next()
                        .getInteger(0);
        assertTrue(attempts >= 2, "the outage failed an attempt (" + attempts + ")");

        int published =
                app.sql("SELECT published_version FROM lectures WHERE id = $1", lecture)
                        .iterator()
                        .next()
                        .getInteger(0);
        java.util.Set<String> folders = new java.util.TreeSet<>();
        for (var object :
                Blocking.await(app.infra().store.list(StorageKeys.lecturePrefix(lecture)))) {
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
                Blocking.await(app.infra().store.openUploads(StorageKeys.lecturePrefix(lecture))),
                "no unfinished multipart upload");
    }

    private static void awaitStatus(UUID lecture, String status, int seconds)
            throws InterruptedException {
        String now = "";
        for (int i = 0; i < seconds * 5 && !now.equals(status); i++) {
            now =
                    app.sql("SELECT status FROM lectures WHERE id = $1", lecture)
                            .iterator()
                            .next()
                            .getString(0);
            if (now.equals("failed") || now.equals("rejected")) {
                throw new AssertionError("lecture " + now);
            }
            Thread.sleep(200);
        }
        assertEquals(status, now);
    }

    private static String createUpload(UUID lecture, long length) {
        String metadata =
                "lectureId "
                        + b64(lecture.toString())
                        + ",filename "
                        + b64("talk.mp4")
                        + ",filetype "
                        + b64("video/mp4");
        TestHttp.Response created =
                app.http.send(
                        "POST",
                        "/api/v1/uploads",
                        teacher,
                        null,
                        Map.of(
                                "Tus-Resumable",
                                "1.0.0",
                                "Upload-Length",
                                Long.toString(length),
                                "Upload-Metadata",
                                metadata));
        assertEquals(201, created.status(), created.body());
        return URI.create(app.http.baseUrl()).resolve(created.header("Location")).toString();
    }

    /** The lecture's source once its parts became one object (just after the last PATCH). */
    private static byte[] awaitSource(UUID lecture) throws InterruptedException {
        java.util.Optional<io.vertx.core.buffer.Buffer> source = java.util.Optional.empty();
        for (int i = 0; i < 100 && source.isEmpty(); i++) {
            Thread.sleep(200);
            source =
                    Blocking.await(
                            ObjectFiles.read(app.infra().store, StorageKeys.source(lecture)));
        }
        return source.orElseThrow().getBytes();
    }

    /**
     * PATCHes {@code length} bytes from {@code offset}; {@code midway} (if any) runs once six
     * mebibytes of the body are sent.
     */
    private static TestHttp.Response patch(
            String upload, byte[] file, int offset, int length, Runnable midway) throws Exception {
        java.io.InputStream body =
                new java.io.ByteArrayInputStream(file, offset, length) {
                    private boolean ran;

                    @Override
                    public synchronized int read(byte[] into, int from, int count) {
                        if (midway != null && !ran && pos - offset > 6 * MIB) {
                            ran = true;
                            midway.run();
                        }
                        return super.read(into, from, Math.min(count, 64 * 1024));
                    }
                };
        java.net.http.HttpRequest request =
                java.net.http.HttpRequest.newBuilder(URI.create(upload))
                        .timeout(java.time.Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + teacher)
                        .header("Tus-Resumable", "1.0.0")
                        .header("Upload-Offset", Integer.toString(offset))
                        .header("Content-Type", "application/offset+octet-stream")
                        .method(
                                "PATCH",
                                java.net.http.HttpRequest.BodyPublishers.fromPublisher(
                                        java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                                                () -> body),
                                        length))
                        .build();
        var response =
                java.net.http.HttpClient.newHttpClient()
                        .send(request, java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        return new TestHttp.Response(
                response.statusCode(), response.headers().map(), response.body());
    }

    private static int storedParts(UUID uploadId) {
        String key =
                StorageKeys.source(
                        app.sql("SELECT lecture_id FROM uploads WHERE id = $1", uploadId)
                                .iterator()
                                .next()
                                .getUUID(0));
        String multipartId =
                app.sql("SELECT multipart_id FROM uploads WHERE id = $1", uploadId)
                        .iterator()
                        .next()
                        .getString(0);
        return Blocking.await(app.infra().store.listParts(key, multipartId)).size();
    }

    /** Waits (up to 20 s) until the upload's multipart upload in S3 holds {@code parts} parts. */
    private static void awaitStoredParts(UUID uploadId, int parts) {
        String key =
                StorageKeys.source(
                        app.sql("SELECT lecture_id FROM uploads WHERE id = $1", uploadId)
                                .iterator()
                                .next()
                                .getUUID(0));
        String multipartId =
                app.sql("SELECT multipart_id FROM uploads WHERE id = $1", uploadId)
                        .iterator()
                        .next()
                        .getString(0);
        MultipartStore store = app.infra().store;
        for (int i = 0; i < 200; i++) {
            if (Blocking.await(store.listParts(key, multipartId)).size() >= parts) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("part " + parts + " never reached S3");
    }

    /** HEADs the upload until its offset reaches {@code expected} (or 20 s pass). */
    private static long awaitOffset(String upload, long expected) throws InterruptedException {
        long offset = -1;
        for (int i = 0; i < 100 && offset < expected; i++) {
            TestHttp.Response head =
                    app.http.send("HEAD", upload, teacher, null, Map.of("Tus-Resumable", "1.0.0"));
            if (head.status() == 200) {
                offset = Long.parseLong(head.header("Upload-Offset"));
            }
            if (offset < expected) {
                Thread.sleep(200);
            }
        }
        return offset;
    }

    private static void assertUnavailableInTime(
            java.util.function.Supplier<TestHttp.Response> request) {
        long start = System.nanoTime();
        TestHttp.Response response = request.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(503, response.status(), response.body());
        assertEquals("5", response.header("Retry-After"));
        assertEquals("UNAVAILABLE", new JsonObject(response.body()).getString("code"));
        assertTrue(seconds < DEADLINE_SECONDS + 1.5, "answered after " + seconds + " s");
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }
}
