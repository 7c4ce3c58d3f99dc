package dev.lectern.app.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.app.Lectern;
import dev.lectern.app.PartMemoryCheck;
import dev.lectern.catalog.StorageKeys;
import dev.lectern.infra.storage.ByteRange;
import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestMedia;
import io.vertx.core.buffer.Buffer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("tus uploads: the success paths")
class TusUploadTest {
    static IngestFixture fixture;
    static Lectern lectern;
    static Lectern second;
    static UUID course;
    static TusClient teacher;

    @BeforeAll
    static void start() {
        fixture = new IngestFixture();
        lectern = fixture.start();
        // One direct block only: the second instance's parts are mostly heap blocks.
        second = fixture.start(Map.of("LECTERN_S3_PART_MEMORY_MB", "1"));
        course = fixture.course(lectern, "TUS101");
        fixture.member(lectern, course, "tina", "teacher");
        teacher = new TusClient(lectern.baseUrl(), fixture.token(lectern, "tina"));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    static String storedSha256(UUID lecture) throws Exception {
        var object =
                lectern.infrastructure()
                        .store
                        .get(StorageKeys.source(lecture), ByteRange.ALL)
                        .await()
                        .orElseThrow();
        Buffer all = Buffer.buffer();
        io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
        object.body().handler(all::appendBuffer);
        object.body().exceptionHandler(done::tryFail);
        object.body().endHandler(done::tryComplete);
        object.body().resume();
        done.future().await();
        return sha256(all.getBytes());
    }

    String status(UUID lecture) {
        return fixture.one(lectern, "SELECT status FROM lectures WHERE id = $1", lecture)
                .getString(0);
    }

    /** The final PATCH answers before the source is judged: the lecture's status tells the rest. */
    String settledStatus(UUID lecture) throws InterruptedException {
        return IngestFixture.awaitJudged(fixture, lectern, lecture);
    }

    String errorCode(UUID lecture) {
        return fixture.one(lectern, "SELECT error_code FROM lectures WHERE id = $1", lecture)
                .getString(0);
    }

    @Test
    @DisplayName("OPTIONS advertises the tus version, extensions, max size and checksums")
    void options() throws Exception {
        var response =
                new TusClient(lectern.baseUrl(), null)
                        .send(
                                new TusClient(lectern.baseUrl(), null)
                                        .request("/api/v1/uploads")
                                        .method(
                                                "OPTIONS",
                                                java.net.http.HttpRequest.BodyPublishers.noBody())
                                        .build());
        assertEquals(204, response.statusCode());
        assertEquals("1.0.0", response.headers().firstValue("Tus-Version").orElseThrow());
        String extensions = response.headers().firstValue("Tus-Extension").orElseThrow();
        for (String extension :
                new String[] {
                    "creation", "creation-with-upload", "termination", "checksum", "expiration"
                }) {
            assertTrue(extensions.contains(extension), extensions);
        }
        assertTrue(response.headers().firstValue("Tus-Max-Size").isPresent());
        assertTrue(
                response.headers()
                        .firstValue("Tus-Checksum-Algorithm")
                        .orElseThrow()
                        .contains("sha1"));
    }

    @Test
    @DisplayName("a real video uploaded in two PATCHes is stored whole and queued for transcoding")
    void realVideoIsQueued() throws Exception {
        var dir = TestDirs.create("tus-video");
        byte[] video =
                Files.readAllBytes(TestMedia.videoWithTone(dir, "talk.mp4", 320, 180, 25, 2));
        UUID lecture = fixture.lecture(lectern, course);
        var created = teacher.create(lecture, video.length);
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(created.headers().firstValue("Upload-Expires").isPresent());
        assertEquals("uploading", status(lecture));
        String url = teacher.location(created);
        int half = video.length / 2;
        var first = teacher.patch(url, 0, video, 0, half);
        assertEquals(204, first.statusCode(), first.body());
        assertEquals(
                String.valueOf(half), first.headers().firstValue("Upload-Offset").orElseThrow());
        var last = teacher.patch(url, half, video, half, video.length);
        assertEquals(204, last.statusCode(), last.body());
        // Accepted: queued, and the in-process worker may already have started transcoding.
        String settled = settledStatus(lecture);
        assertTrue(java.util.Set.of("queued", "processing", "ready").contains(settled), settled);
        assertEquals(
                1,
                fixture.one(
                                lectern,
                                "SELECT count(*) FROM jobs WHERE lecture_id = $1 AND kind = 'transcode'",
                                lecture)
                        .getLong(0));
        assertEquals(sha256(video), storedSha256(lecture));
        var head = teacher.head(url);
        assertEquals(
                String.valueOf(video.length),
                head.headers().firstValue("Upload-Offset").orElseThrow());
    }

    @Test
    @DisplayName(
            "an upload started before its length is known (a recording) takes the length with its last PATCH and is queued")
    void deferredLength() throws Exception {
        byte[] video =
                Files.readAllBytes(
                        TestMedia.videoWithTone(
                                TestDirs.create("tus-deferred"), "talk.mp4", 320, 180, 25, 2));
        UUID lecture = fixture.lecture(lectern, course);
        var created = teacher.createDeferred(lecture);
        assertEquals(201, created.statusCode(), created.body());
        String url = teacher.location(created);
        int third = video.length / 3;
        assertEquals(204, teacher.patch(url, 0, video, 0, third).statusCode());
        assertEquals(204, teacher.patch(url, third, video, third, 2 * third).statusCode());
        var head = teacher.head(url);
        assertEquals("1", head.headers().firstValue("Upload-Defer-Length").orElseThrow());
        assertTrue(head.headers().firstValue("Upload-Length").isEmpty());
        assertEquals("uploading", status(lecture), "not complete while the length is unknown");
        var last =
                teacher.patchDeclaring(
                        url, 2 * third, video, 2 * third, video.length, video.length);
        assertEquals(204, last.statusCode(), last.body());
        String settled = settledStatus(lecture);
        assertTrue(java.util.Set.of("queued", "processing", "ready").contains(settled), settled);
        assertEquals(sha256(video), storedSha256(lecture));
        assertEquals(
                String.valueOf(video.length),
                teacher.head(url).headers().firstValue("Upload-Length").orElseThrow());
    }

    @Test
    @DisplayName(
            "12 MiB sent in chunks that straddle part boundaries arrive byte for byte; noise is rejected as NOT_MEDIA")
    void multipartChunksAndRejection() throws Exception {
        byte[] data = random(12 * 1024 * 1024);
        UUID lecture = fixture.lecture(lectern, course);
        String url = teacher.location(teacher.create(lecture, data.length));
        int[] cuts = {0, 3_000_000, 7_500_000, 11_000_000, data.length};
        for (int i = 0; i + 1 < cuts.length; i++) {
            // Alternate instances: any process continues any upload.
            TusClient client =
                    i % 2 == 0 ? teacher : new TusClient(second.baseUrl(), teacher.token);
            String target = url.replace(lectern.baseUrl(), client.base);
            var response = client.patch(target, cuts[i], data, cuts[i], cuts[i + 1]);
            assertEquals(204, response.statusCode(), response.body());
        }
        assertEquals("rejected", settledStatus(lecture));
        assertEquals(sha256(data), storedSha256(lecture));
        assertEquals("NOT_MEDIA", errorCode(lecture));
        assertTrue(PartMemoryCheck.awaitReturned(lectern) > 0, "blocks kept for reuse");
        assertEquals((double) (1 << 20), PartMemoryCheck.awaitReturned(second));
    }

    @Test
    @DisplayName("creation-with-upload stores the first bytes in the POST itself")
    void creationWithUpload() throws Exception {
        byte[] data = random(100_000);
        UUID lecture = fixture.lecture(lectern, course);
        var created =
                teacher.send(
                        teacher.request("/api/v1/uploads")
                                .header("Upload-Length", String.valueOf(data.length))
                                .header("Upload-Metadata", TusClient.metadata(lecture, "a.mp4"))
                                .header("Content-Type", "application/offset+octet-stream")
                                .POST(
                                        java.net.http.HttpRequest.BodyPublishers.ofByteArray(
                                                data, 0, 40_000))
                                .build());
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("40000", created.headers().firstValue("Upload-Offset").orElseThrow());
        String url = teacher.location(created);
        assertEquals(204, teacher.patch(url, 40_000, data, 40_000, data.length).statusCode());
        settledStatus(lecture);
        assertEquals(sha256(data), storedSha256(lecture));
    }

    @Test
    @DisplayName("a chunk with a correct sha1 Upload-Checksum is accepted")
    void checksumAccepted() throws Exception {
        byte[] data = random(50_000);
        UUID lecture = fixture.lecture(lectern, course);
        String url = teacher.location(teacher.create(lecture, data.length));
        var response = teacher.patch(url, 0, data, 0, 20_000, TusClient.sha1(data, 0, 20_000));
        assertEquals(204, response.statusCode(), response.body());
        assertEquals("20000", response.headers().firstValue("Upload-Offset").orElseThrow());
    }

    @Test
    @DisplayName("an empty upload completes at creation and is rejected as EMPTY_FILE")
    void emptyUpload() throws Exception {
        UUID lecture = fixture.lecture(lectern, course);
        var created = teacher.create(lecture, 0);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("rejected", settledStatus(lecture));
        assertEquals("EMPTY_FILE", errorCode(lecture));
    }

    @Test
    @DisplayName(
            "after a dropped connection the stored offset is exact and another instance finishes the upload")
    void resumeAfterDrop() throws Exception {
        byte[] data = random(7 * 1024 * 1024);
        UUID lecture = fixture.lecture(lectern, course);
        String url = teacher.location(teacher.create(lecture, data.length));
        int sent = 6 * 1024 * 1024 + 12345;
        teacher.patchThenDrop(url, 0, data, 0, sent);
        HttpResponse<String> head = null;
        for (int i = 0; i < 100; i++) {
            head = teacher.head(url);
            if (head.headers()
                    .firstValue("Upload-Offset")
                    .orElse("0")
                    .equals(String.valueOf(sent))) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals(
                String.valueOf(sent), head.headers().firstValue("Upload-Offset").orElseThrow());
        TusClient other = new TusClient(second.baseUrl(), teacher.token);
        String there = url.replace(lectern.baseUrl(), second.baseUrl());
        var finish = other.patch(there, sent, data, sent, data.length);
        assertEquals(204, finish.statusCode(), finish.body());
        settledStatus(lecture);
        assertEquals(sha256(data), storedSha256(lecture));
        PartMemoryCheck.awaitReturned(lectern);
        PartMemoryCheck.awaitReturned(second);
    }

    @Test
    @DisplayName(
            "DELETE terminates the upload: HEAD then answers 410 and the lecture awaits an upload again")
    void termination() throws Exception {
        byte[] data = random(30_000);
        UUID lecture = fixture.lecture(lectern, course);
        String url = teacher.location(teacher.create(lecture, data.length));
        teacher.patch(url, 0, data, 0, 10_000);
        assertEquals(204, teacher.delete(url).statusCode());
        assertEquals(410, teacher.head(url).statusCode());
        assertEquals(410, teacher.patch(url, 10_000, data, 10_000, 20_000).statusCode());
        assertEquals("awaiting_upload", status(lecture));
        assertTrue(
                lectern.infrastructure()
                        .store
                        .head(StorageKeys.source(lecture) + ".tail")
                        .await()
                        .isEmpty());
    }
}
