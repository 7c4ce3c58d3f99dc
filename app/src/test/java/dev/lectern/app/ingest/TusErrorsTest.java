package dev.lectern.app.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.app.Lectern;
import dev.lectern.app.PartMemoryCheck;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("tus uploads: every error path answers with the spec's status and a stable code")
class TusErrorsTest {
    static IngestFixture fixture;
    static Lectern lectern;
    static UUID course;
    static TusClient teacher;

    @BeforeAll
    static void start() {
        fixture = new IngestFixture();
        lectern =
                fixture.start(
                        Map.of(
                                "LECTERN_UPLOAD_MAX_SIZE_MB", "1",
                                "LECTERN_UPLOAD_SWEEP_SECONDS", "1",
                                "LECTERN_UPLOAD_CORS_ORIGINS", "https://lms.example.edu"));
        course = fixture.course(lectern, "ERR101");
        fixture.member(lectern, course, "tom", "teacher");
        fixture.member(lectern, course, "sam", "student");
        teacher = new TusClient(lectern.baseUrl(), fixture.token(lectern, "tom"));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    static byte[] data(int size) {
        byte[] bytes = new byte[size];
        new Random(7).nextBytes(bytes);
        return bytes;
    }

    static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(
                "application/problem+json",
                response.headers().firstValue("Content-Type").orElse(""));
        assertEquals(code, new JsonObject(response.body()).getString("code"));
        assertEquals("1.0.0", response.headers().firstValue("Tus-Resumable").orElse(""));
    }

    String newUpload(int length) throws Exception {
        UUID lecture = fixture.lecture(lectern, course);
        HttpResponse<String> created = teacher.create(lecture, length);
        assertEquals(201, created.statusCode(), created.body());
        return teacher.location(created);
    }

    @Test
    @DisplayName("a PATCH at the wrong offset gets 409 OFFSET_MISMATCH")
    void offsetMismatch() throws Exception {
        byte[] bytes = data(1000);
        String url = newUpload(bytes.length);
        assertProblem(teacher.patch(url, 10, bytes, 10, 100), 409, "OFFSET_MISMATCH");
        assertEquals("0", teacher.head(url).headers().firstValue("Upload-Offset").orElseThrow());
    }

    @Test
    @DisplayName("an unknown upload gets 404 UPLOAD_NOT_FOUND, for HEAD and PATCH")
    void unknownUpload() throws Exception {
        String url = lectern.baseUrl() + "/api/v1/uploads/" + UUID.randomUUID();
        assertEquals(404, teacher.head(url).statusCode());
        assertProblem(teacher.patch(url, 0, data(10), 0, 10), 404, "UPLOAD_NOT_FOUND");
    }

    @Test
    @DisplayName(
            "a deferred length: both headers or a bad value refused; declared once, never below the offset, never changed, never exceeded; the size limit holds meanwhile")
    void deferredLength() throws Exception {
        UUID lecture = fixture.lecture(lectern, course);
        HttpResponse<String> both =
                teacher.send(
                        teacher.request("/api/v1/uploads")
                                .header("Upload-Defer-Length", "1")
                                .header("Upload-Length", "10")
                                .header("Upload-Metadata", TusClient.metadata(lecture, "a.mp4"))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build());
        assertProblem(both, 400, "INVALID_UPLOAD_REQUEST");
        HttpResponse<String> two =
                teacher.send(
                        teacher.request("/api/v1/uploads")
                                .header("Upload-Defer-Length", "2")
                                .header("Upload-Metadata", TusClient.metadata(lecture, "a.mp4"))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build());
        assertProblem(two, 400, "INVALID_UPLOAD_REQUEST");

        String url = teacher.location(teacher.createDeferred(lecture));
        byte[] bytes = data(1024 * 1024 + 10);
        assertEquals(204, teacher.patch(url, 0, bytes, 0, 100).statusCode());
        assertProblem(teacher.patch(url, 100, bytes, 100, bytes.length), 413, "UPLOAD_TOO_LARGE");
        assertProblem(
                teacher.patchDeclaring(url, 100, bytes, 100, 110, 50),
                400,
                "INVALID_UPLOAD_REQUEST");
        assertProblem(
                teacher.patchDeclaring(url, 100, bytes, 100, 110, 2 * 1024 * 1024),
                413,
                "UPLOAD_TOO_LARGE");
        assertEquals(204, teacher.patchDeclaring(url, 100, bytes, 100, 200, 300).statusCode());
        assertEquals("300", teacher.head(url).headers().firstValue("Upload-Length").orElseThrow());
        assertProblem(
                teacher.patchDeclaring(url, 200, bytes, 200, 210, 400),
                400,
                "INVALID_UPLOAD_REQUEST");
        assertProblem(teacher.patch(url, 200, bytes, 200, 350), 413, "UPLOAD_TOO_LARGE");
        assertEquals("200", teacher.head(url).headers().firstValue("Upload-Offset").orElseThrow());
    }

    @Test
    @DisplayName("an expired upload gets 410, and the sweeper aborts it and frees the lecture")
    void expiredUpload() throws Exception {
        byte[] bytes = data(1000);
        UUID lecture = fixture.lecture(lectern, course);
        String url = teacher.location(teacher.create(lecture, bytes.length));
        assertEquals(204, teacher.patch(url, 0, bytes, 0, 100).statusCode());
        fixture.sql(
                lectern,
                "UPDATE uploads SET expires_at = now() - interval '1 minute' WHERE lecture_id = $1",
                lecture);
        assertEquals(410, teacher.head(url).statusCode());
        assertProblem(teacher.patch(url, 100, bytes, 100, 200), 410, "UPLOAD_EXPIRED");
        // The sweeper runs every second in this fixture.
        for (int i = 0; i < 100 && !uploadStatus(lecture).equals("expired"); i++) {
            Thread.sleep(100);
        }
        assertEquals("expired", uploadStatus(lecture));
        assertEquals(
                "awaiting_upload",
                fixture.one(lectern, "SELECT status FROM lectures WHERE id = $1", lecture)
                        .getString(0));
    }

    String uploadStatus(UUID lecture) {
        return fixture.one(lectern, "SELECT status FROM uploads WHERE lecture_id = $1", lecture)
                .getString(0);
    }

    @Test
    @DisplayName(
            "an Upload-Length above Tus-Max-Size gets 413, and a body longer than the upload too")
    void tooLarge() throws Exception {
        UUID lecture = fixture.lecture(lectern, course);
        assertProblem(teacher.create(lecture, 2 * 1024 * 1024), 413, "UPLOAD_TOO_LARGE");
        byte[] bytes = data(2000);
        String url = newUpload(1000);
        assertProblem(teacher.patch(url, 0, bytes, 0, 2000), 413, "UPLOAD_TOO_LARGE");
    }

    @Test
    @DisplayName(
            "a chunked body with no Content-Length that runs past Upload-Length gets 413 mid-upload, offset unmoved")
    void tooLongMidUpload() throws Exception {
        String url = newUpload(100_000);
        java.net.URI uri = java.net.URI.create(url);
        String answer;
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(20_000);
            var out = socket.getOutputStream();
            out.write(
                    ("PATCH "
                                    + uri.getPath()
                                    + " HTTP/1.1\r\nHost: localhost\r\nTus-Resumable: 1.0.0\r\n"
                                    + "Authorization: Bearer "
                                    + teacher.token
                                    + "\r\nContent-Type: application/offset+octet-stream\r\n"
                                    + "Upload-Offset: 0\r\nTransfer-Encoding: chunked\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] chunk = data(150_000);
            out.write(
                    (Integer.toHexString(chunk.length) + "\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(chunk);
            out.flush();
            // The server answers and closes without waiting for the rest of the body.
            answer =
                    new String(
                            socket.getInputStream().readAllBytes(),
                            java.nio.charset.StandardCharsets.UTF_8);
        }
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.contains("UPLOAD_TOO_LARGE"), answer);
        assertEquals("0", teacher.head(url).headers().firstValue("Upload-Offset").orElseThrow());
        PartMemoryCheck.awaitReturned(lectern);
    }

    @Test
    @DisplayName("a wrong sha1 gets 460 and the chunk is discarded; an unknown algorithm gets 400")
    void checksumMismatch() throws Exception {
        byte[] bytes = data(1000);
        String url = newUpload(bytes.length);
        String wrong = TusClient.sha1(bytes, 0, 99);
        assertProblem(teacher.patch(url, 0, bytes, 0, 100, wrong), 460, "CHECKSUM_MISMATCH");
        assertEquals("0", teacher.head(url).headers().firstValue("Upload-Offset").orElseThrow());
        assertProblem(
                teacher.patch(url, 0, bytes, 0, 100, "crc32 AAAA"), 400, "UNSUPPORTED_CHECKSUM");
        var right = teacher.patch(url, 0, bytes, 0, 100, TusClient.sha1(bytes, 0, 100));
        assertEquals(204, right.statusCode(), right.body());
        PartMemoryCheck.awaitReturned(lectern);
    }

    @Test
    @DisplayName("a PATCH while another process holds the upload's lock gets 423")
    void locked() throws Exception {
        byte[] bytes = data(1000);
        String url = newUpload(bytes.length);
        String id = url.substring(url.lastIndexOf('/') + 1);
        SqlConnection holder = lectern.infrastructure().pool.getConnection().await();
        try {
            holder.preparedQuery("SELECT pg_advisory_lock(hashtextextended($1, 0))")
                    .execute(Tuple.of(id))
                    .await();
            assertProblem(teacher.patch(url, 0, bytes, 0, 100), 423, "UPLOAD_LOCKED");
            assertProblem(teacher.delete(url), 423, "UPLOAD_LOCKED");
        } finally {
            // Advisory locks belong to the session: a pooled connection keeps them unless unlocked.
            holder.preparedQuery("SELECT pg_advisory_unlock(hashtextextended($1, 0))")
                    .execute(Tuple.of(id))
                    .await();
            holder.close().await();
        }
        assertEquals(204, teacher.patch(url, 0, bytes, 0, 100).statusCode());
    }

    @Test
    @DisplayName("a request without Tus-Resumable 1.0.0 gets 412 with Tus-Version")
    void wrongVersion() throws Exception {
        HttpResponse<String> response =
                teacher.send(
                        HttpRequest.newBuilder(
                                        java.net.URI.create(lectern.baseUrl() + "/api/v1/uploads"))
                                .header("Tus-Resumable", "0.2.2")
                                .header("Authorization", "Bearer " + teacher.token)
                                .header("Upload-Length", "10")
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build());
        assertProblem(response, 412, "UNSUPPORTED_TUS_VERSION");
        assertEquals("1.0.0", response.headers().firstValue("Tus-Version").orElseThrow());
    }

    @Test
    @DisplayName("without a token 401; a student 403; an outsider 404; bad metadata 400")
    void access() throws Exception {
        UUID lecture = fixture.lecture(lectern, course);
        assertEquals(401, new TusClient(lectern.baseUrl(), null).create(lecture, 10).statusCode());
        TusClient student = new TusClient(lectern.baseUrl(), fixture.token(lectern, "sam"));
        assertEquals(403, student.create(lecture, 10).statusCode());
        TusClient outsider = new TusClient(lectern.baseUrl(), fixture.token(lectern, "olga"));
        assertEquals(404, outsider.create(lecture, 10).statusCode());
        var noMetadata =
                teacher.send(
                        teacher.request("/api/v1/uploads")
                                .header("Upload-Length", "10")
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build());
        assertProblem(noMetadata, 400, "INVALID_UPLOAD_REQUEST");
        String url = newUpload(100);
        assertEquals(404, outsider.head(url).statusCode());
        assertEquals(404, student.patch(url, 0, data(10), 0, 10).statusCode());
    }

    @Test
    @DisplayName("a second upload for a lecture that is already uploading gets 409")
    void secondUpload() throws Exception {
        UUID lecture = fixture.lecture(lectern, course);
        assertEquals(201, teacher.create(lecture, 100).statusCode());
        assertEquals(409, teacher.create(lecture, 100).statusCode());
    }

    @Test
    @DisplayName("a PATCH with another content type gets 415")
    void wrongContentType() throws Exception {
        String url = newUpload(100);
        var response =
                teacher.send(
                        teacher.request(url)
                                .header("Upload-Offset", "0")
                                .header("Content-Type", "application/json")
                                .method("PATCH", HttpRequest.BodyPublishers.ofString("{}"))
                                .build());
        assertProblem(response, 415, "WRONG_CONTENT_TYPE");
    }

    @Test
    @DisplayName("CORS: an allowed origin's preflight is answered and tus headers are exposed")
    void cors() throws Exception {
        var preflight =
                teacher.send(
                        HttpRequest.newBuilder(
                                        java.net.URI.create(lectern.baseUrl() + "/api/v1/uploads"))
                                .header("Origin", "https://lms.example.edu")
                                .header("Access-Control-Request-Method", "PATCH")
                                .header(
                                        "Access-Control-Request-Headers",
                                        "tus-resumable,upload-offset,content-type,authorization")
                                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                .build());
        assertTrue(preflight.statusCode() < 300, String.valueOf(preflight.statusCode()));
        assertEquals(
                "https://lms.example.edu",
                preflight.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        UUID lecture = fixture.lecture(lectern, course);
        var created =
                teacher.send(
                        teacher.request("/api/v1/uploads")
                                .header("Origin", "https://lms.example.edu")
                                .header("Upload-Length", "10")
                                .header("Upload-Metadata", TusClient.metadata(lecture, "x.mp4"))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build());
        String exposed =
                created.headers().firstValue("Access-Control-Expose-Headers").orElseThrow();
        assertTrue(exposed.contains("Location") && exposed.contains("Upload-Offset"), exposed);
        var foreign =
                teacher.send(
                        HttpRequest.newBuilder(
                                        java.net.URI.create(lectern.baseUrl() + "/api/v1/uploads"))
                                .header("Origin", "https://evil.example")
                                .header("Access-Control-Request-Method", "PATCH")
                                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                .build());
        assertTrue(foreign.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    }
}
