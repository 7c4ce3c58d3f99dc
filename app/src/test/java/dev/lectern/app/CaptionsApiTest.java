package dev.lectern.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.catalog.StorageKeys;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Captions, chapters and viewing progress over the API")
class CaptionsApiTest {
    private static RunningLectern app;
    private static String teacher;
    private static String student;
    private static UUID lecture;

    @BeforeAll
    static void start() {
        app = new RunningLectern();
        teacher = app.token("tina");
        student = app.token("sam");
        String admin = app.adminToken("root");
        String course = app.createCourse(admin, "CAP1", "Captions");
        app.addMember(admin, course, "tina", "teacher");
        app.addMember(admin, course, "sam", "student");
        app.addMember(admin, course, "una", "student");
        lecture = app.createLecture(teacher, course, "Heat", "published");
        app.sql(
                "UPDATE lectures SET status = 'ready', last_version = 1, published_version = 1, duration_seconds = 100 WHERE id = $1",
                lecture);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static dev.lectern.testkit.TestHttp.Response upload(String query, byte[] body) {
        return app.http.send(
                "POST",
                "/api/v1/lectures/" + lecture + "/captions" + query,
                teacher,
                body,
                Map.of("Content-Type", "application/x-subrip"));
    }

    @Test
    @DisplayName(
            "an SRT upload with BOM and CRLF is stored as WebVTT in the bucket and indexed cue by cue")
    void uploadSrt() {
        byte[] srt =
                ("\uFEFF1\r\n00:00:01,000 --> 00:00:02,500\r\nHeat flows downhill\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\nfrom hot to cold\r\n")
                        .getBytes(StandardCharsets.UTF_8);
        var response = upload("?language=en&label=English&default=true", srt);
        assertEquals(201, response.status(), response.body());
        JsonObject caption = new JsonObject(response.body());
        assertEquals(2, caption.getInteger("cueCount"));
        assertTrue(caption.getBoolean("default"));
        String key = StorageKeys.caption(lecture, UUID.fromString(caption.getString("id")));
        String content =
                app.http
                        .get(
                                app.infra().store.presignGet(key, Duration.ofMinutes(1)).toString(),
                                null)
                        .body();
        assertEquals(
                "WEBVTT\n\n00:00:01.000 --> 00:00:02.500\nHeat flows downhill\n\n00:00:03.000 --> 00:00:04.000\nfrom hot to cold\n\n",
                content);
        assertEquals(
                2, app.sql("SELECT 1 FROM caption_cues WHERE lecture_id = $1", lecture).size());
        var second =
                upload(
                        "?language=de&default=true",
                        "WEBVTT\n\n00:05.000 --> 00:06.000\nWärme\n"
                                .getBytes(StandardCharsets.UTF_8));
        assertEquals(201, second.status(), second.body());
        assertEquals(
                1,
                app.sql("SELECT 1 FROM captions WHERE lecture_id = $1 AND is_default", lecture)
                        .size(),
                "one default track");
        assertEquals(
                2,
                app.call("GET", "/api/v1/lectures/" + lecture + "/captions", student, null, 200)
                        .getJsonArray("items")
                        .size());
    }

    @Test
    @DisplayName("a malformed caption file is refused with 422 and the line in the problem")
    void malformed() {
        var response =
                upload(
                        "?language=en",
                        "1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n00:00:03,000 -> 00:00:04,000\nbad\n"
                                .getBytes(StandardCharsets.UTF_8));
        assertEquals(422, response.status());
        JsonObject problem = new JsonObject(response.body());
        assertEquals("INVALID_CAPTIONS", problem.getString("code"));
        assertEquals(6, problem.getInteger("line"));
        assertEquals(
                400,
                upload(
                                "",
                                "WEBVTT\n\n00:01.000 --> 00:02.000\nx\n"
                                        .getBytes(StandardCharsets.UTF_8))
                        .status(),
                "language is required");
    }

    @Test
    @DisplayName(
            "chapters are listed by start time; progress keeps the furthest point; completion buckets the enrolled students")
    void chaptersAndProgress() {
        app.call(
                "POST",
                "/api/v1/lectures/" + lecture + "/chapters",
                teacher,
                new JsonObject().put("title", "Second law").put("startSeconds", 50),
                201);
        String first =
                app.call(
                                "POST",
                                "/api/v1/lectures/" + lecture + "/chapters",
                                teacher,
                                new JsonObject().put("title", "First law").put("startSeconds", 5),
                                201)
                        .getString("id");
        var chapters =
                app.call("GET", "/api/v1/lectures/" + lecture + "/chapters", student, null, 200)
                        .getJsonArray("items");
        assertEquals("First law", chapters.getJsonObject(0).getString("title"));
        app.call(
                "PATCH",
                "/api/v1/lectures/" + lecture + "/chapters/" + first,
                teacher,
                new JsonObject().put("startSeconds", 70),
                200);
        assertEquals(
                "Second law",
                app.call("GET", "/api/v1/lectures/" + lecture + "/chapters", student, null, 200)
                        .getJsonArray("items")
                        .getJsonObject(0)
                        .getString("title"));
        app.call(
                "POST",
                "/api/v1/lectures/" + lecture + "/chapters",
                teacher,
                new JsonObject().put("title", "Late").put("startSeconds", -1),
                400);

        app.call(
                "PUT",
                "/api/v1/lectures/" + lecture + "/progress",
                student,
                new JsonObject().put("positionSeconds", 95),
                204);
        app.call(
                "PUT",
                "/api/v1/lectures/" + lecture + "/progress",
                student,
                new JsonObject().put("positionSeconds", 30),
                204);
        var row =
                app.sql(
                                "SELECT position_seconds, furthest_seconds FROM viewing_progress WHERE user_id = 'sam'")
                        .iterator()
                        .next();
        assertEquals(30.0, row.getDouble("position_seconds"));
        assertEquals(95.0, row.getDouble("furthest_seconds"));
        JsonObject completion =
                app.call("GET", "/api/v1/lectures/" + lecture + "/completion", teacher, null, 200);
        assertEquals(2, completion.getInteger("enrolled"));
        assertEquals(1, completion.getInteger("started"));
        assertEquals(1, completion.getJsonObject("buckets").getInteger("completed"));
        assertEquals(1, completion.getJsonObject("buckets").getInteger("none"));
        app.call(
                "PUT",
                "/api/v1/lectures/" + lecture + "/progress",
                student,
                new JsonObject().put("positionSeconds", "soon"),
                400);
    }
}
