package dev.lectern.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.catalog.StorageKeys;
import dev.lectern.testkit.TestHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** PostgreSQL cannot store U+0000 in text; every way in must refuse it by name, early. */
@DisplayName("NUL characters in requests")
class NulCharacterTest {
    private static final String NUL = "Sort\u0000ing";

    private static RunningLectern app;
    private static String admin;
    private static String teacher;
    private static String student;
    private static String course;
    private static UUID lecture;

    @BeforeAll
    static void start() {
        app = new RunningLectern();
        admin = app.adminToken("root");
        teacher = app.token("tia");
        student = app.token("stan");
        course = app.createCourse(admin, "NUL1", "Nothing invisible");
        app.addMember(admin, course, "tia", "teacher");
        app.addMember(admin, course, "stan", "student");
        lecture = app.createLecture(teacher, course, "Sorting", "published");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** Sends {@code body}; expects 400 naming {@code field}. */
    private static void refused(
            String method, String path, String token, JsonObject body, String field) {
        JsonObject problem = app.call(method, path, token, body, 400);
        assertThat(problem.getString("code")).isEqualTo("INVALID_FIELD");
        assertThat(problem.getString("field")).isEqualTo(field);
        assertThat(problem.getString("pointer")).isEqualTo("/" + field);
        assertThat(problem.getString("detail")).contains("NUL character");
    }

    @Test
    @DisplayName("text fields and list items answer 400 naming the field, and nothing is stored")
    void textFields() {
        refused(
                "POST",
                "/api/v1/courses",
                admin,
                new JsonObject().put("code", "NUL2").put("title", NUL),
                "title");
        refused(
                "PATCH",
                "/api/v1/courses/" + course,
                teacher,
                new JsonObject().put("glossary", new JsonArray().add("heap").add(NUL)),
                "glossary/1");
        refused(
                "POST",
                "/api/v1/courses/" + course + "/lectures",
                teacher,
                new JsonObject().put("title", "Fine").put("description", NUL),
                "description");
        refused(
                "PATCH",
                "/api/v1/lectures/" + lecture,
                teacher,
                new JsonObject().put("title", NUL),
                "title");
        refused(
                "POST",
                "/api/v1/lectures/" + lecture + "/chapters",
                teacher,
                new JsonObject().put("title", NUL).put("startSeconds", 3),
                "title");
        assertThat(
                        app.call(
                                        "GET",
                                        "/api/v1/lectures/" + lecture + "/chapters",
                                        teacher,
                                        null,
                                        200)
                                .getJsonArray("items"))
                .isEmpty();
        assertThat(
                        app.call("GET", "/api/v1/lectures/" + lecture, teacher, null, 200)
                                .getString("title"))
                .isEqualTo("Sorting");
    }

    @Test
    @DisplayName("a path segment no check names still answers 400, not 500")
    void pathSegment() {
        JsonObject problem =
                app.call(
                        "PUT",
                        "/api/v1/courses/" + course + "/members/eve%00",
                        admin,
                        new JsonObject().put("role", "student"),
                        400);
        assertThat(problem.getString("detail")).contains("NUL character");
    }

    @Test
    @DisplayName("a search by any student answers 400, not 500")
    void search() {
        JsonObject problem = app.call("GET", "/api/v1/search?q=Sort%00ing", student, null, 400);
        assertThat(problem.getString("field")).isEqualTo("q");
    }

    @Test
    @DisplayName("a caption upload with NUL in its label or its text is refused and leaves no file")
    void captionUpload() {
        String vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nquick\u0000sort\n";
        TestHttp.Response label =
                app.http.send(
                        "POST",
                        "/api/v1/lectures/" + lecture + "/captions?language=en&label=En%00glish",
                        teacher,
                        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nquicksort\n"
                                .getBytes(StandardCharsets.UTF_8),
                        Map.of("Content-Type", "text/vtt"));
        assertThat(label.status()).isEqualTo(400);
        assertThat(new JsonObject(label.body()).getString("field")).isEqualTo("label");
        TestHttp.Response text =
                app.http.send(
                        "POST",
                        "/api/v1/lectures/" + lecture + "/captions?language=en",
                        teacher,
                        vtt.getBytes(StandardCharsets.UTF_8),
                        Map.of("Content-Type", "text/vtt"));
        assertThat(text.status()).isEqualTo(422);
        assertThat(text.body()).contains("Line 4").contains("NUL character");
        assertThat(Blocking.await(app.infra().store.list(StorageKeys.lecturePrefix(lecture))))
                .as("no caption file without its track")
                .isEmpty();
    }
}
