package dev.lectern.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.testkit.TestHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The catalog REST API")
class CatalogApiTest {
    private static RunningLectern app;
    private static String admin;
    private static String teacher;
    private static String student;

    @BeforeAll
    static void start() {
        app = new RunningLectern();
        admin = app.adminToken("root");
        teacher = app.token("tina");
        student = app.token("sam");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static String newCourse(String code) {
        String id =
                app.call(
                                "POST",
                                "/api/v1/courses",
                                admin,
                                new JsonObject().put("code", code).put("title", "Course " + code),
                                201)
                        .getString("id");
        app.addMember(admin, id, "tina", "teacher");
        app.call(
                "PUT",
                "/api/v1/courses/" + id + "/members/sam",
                app.token("tina"),
                new JsonObject().put("role", "student"),
                201);
        return id;
    }

    private static JsonObject newLecture(String courseId, JsonObject fields) {
        return app.call("POST", "/api/v1/courses/" + courseId + "/lectures", teacher, fields, 201);
    }

    @Test
    @DisplayName(
            "an admin creates a course, a teacher enrols a student who never signed in, who then sees the course")
    void coursesAndMemberships() {
        String course = newCourse("CS101");
        assertEquals(1, app.sql("SELECT 1 FROM users WHERE id = 'sam'").size());
        JsonArray mine =
                app.call("GET", "/api/v1/courses", student, null, 200).getJsonArray("items");
        JsonObject listed =
                mine.stream()
                        .map(JsonObject.class::cast)
                        .filter(c -> c.getString("id").equals(course))
                        .findFirst()
                        .orElseThrow();
        assertEquals("student", listed.getString("role"));
        assertEquals(
                0,
                app.call("GET", "/api/v1/courses", app.token("nobody"), null, 200)
                        .getJsonArray("items")
                        .size());
        app.call(
                "PATCH",
                "/api/v1/courses/" + course,
                teacher,
                new JsonObject().put("term", "Fall 2026"),
                200);
        assertEquals(
                "Fall 2026",
                app.call("GET", "/api/v1/courses/" + course, student, null, 200).getString("term"));
        JsonObject problem =
                app.call(
                        "POST",
                        "/api/v1/courses",
                        admin,
                        new JsonObject().put("code", "CS101").put("title", "again"),
                        409);
        assertEquals("COURSE_CODE_TAKEN", problem.getString("code"));
        JsonArray members =
                app.call("GET", "/api/v1/courses/" + course + "/members", teacher, null, 200)
                        .getJsonArray("items");
        assertEquals(2, members.size());
        app.call("DELETE", "/api/v1/courses/" + course + "/members/sam", teacher, null, 204);
        app.call("GET", "/api/v1/courses/" + course, student, null, 404);
        app.call("DELETE", "/api/v1/courses/" + course + "/members/sam", teacher, null, 404);
    }

    @Test
    @DisplayName("the first request records the caller's display name and last sign-in")
    void recordsCaller() {
        app.call("GET", "/api/v1/courses", app.token("newcomer"), null, 200);
        var row =
                app.sql("SELECT display_name, last_seen_at FROM users WHERE id = 'newcomer'")
                        .iterator()
                        .next();
        assertEquals("newcomer", row.getString("display_name"));
        assertNotNull(row.getOffsetDateTime("last_seen_at"));
    }

    @Test
    @DisplayName(
            "a teacher creates a lecture awaiting upload, edits it, and a student sees it only once released with a rendition set")
    void lectureLifecycleThroughTheApi() {
        String course = newCourse("PHY201");
        JsonObject lecture =
                newLecture(
                        course,
                        new JsonObject()
                                .put("title", "Waves")
                                .put("presenter", "Dr. Tina")
                                .put("language", "en-GB")
                                .put("recordedAt", "2026-10-01T09:00:00Z"));
        String id = lecture.getString("id");
        assertEquals("awaiting_upload", lecture.getString("status"));
        assertEquals("draft", lecture.getString("visibility"));
        app.call("GET", "/api/v1/lectures/" + id, student, null, 404);
        app.call(
                "PATCH",
                "/api/v1/lectures/" + id,
                teacher,
                new JsonObject().put("visibility", "published"),
                200);
        app.call("GET", "/api/v1/lectures/" + id, student, null, 404);
        app.sql(
                "UPDATE lectures SET last_version = 1, published_version = 1, status = 'ready' WHERE id = $1",
                java.util.UUID.fromString(id));
        JsonObject seen = app.call("GET", "/api/v1/lectures/" + id, student, null, 200);
        assertEquals("Waves", seen.getString("title"));
        assertNull(seen.getString("status"), "students do not see processing details");
        app.call(
                "PATCH",
                "/api/v1/lectures/" + id,
                teacher,
                new JsonObject()
                        .put("visibility", "scheduled")
                        .put("availableFrom", "2999-01-01T00:00:00Z"),
                200);
        app.call("GET", "/api/v1/lectures/" + id, student, null, 404);
        app.call(
                "PATCH",
                "/api/v1/lectures/" + id,
                teacher,
                new JsonObject().put("availableFrom", "2000-01-01T00:00:00Z"),
                200);
        app.call("GET", "/api/v1/lectures/" + id, student, null, 200);
        JsonObject reprocessed =
                app.call("POST", "/api/v1/lectures/" + id + "/reprocess", teacher, null, 409);
        assertEquals("LECTURE_STATE_CONFLICT", reprocessed.getString("code"));
        app.sql(
                "UPDATE lectures SET source_key = 'x' WHERE id = $1",
                java.util.UUID.fromString(id));
        assertEquals(
                "queued",
                app.call("POST", "/api/v1/lectures/" + id + "/reprocess", teacher, null, 202)
                        .getString("status"));
        assertEquals(
                1,
                app.sql(
                                "SELECT 1 FROM jobs WHERE lecture_id = $1 AND kind = 'transcode'",
                                java.util.UUID.fromString(id))
                        .size());
    }

    @Test
    @DisplayName(
            "bad input is refused with the field named: title, language, visibility rules, unknown fields, UUIDs")
    void validation() {
        String course = newCourse("VAL1");
        String path = "/api/v1/courses/" + course + "/lectures";
        assertField(app.call("POST", path, teacher, new JsonObject(), 400), "title");
        assertField(
                app.call(
                        "POST", path, teacher, new JsonObject().put("title", "x".repeat(301)), 400),
                "title");
        assertField(
                app.call(
                        "POST",
                        path,
                        teacher,
                        new JsonObject().put("title", "t").put("language", "english!"),
                        400),
                "language");
        assertField(
                app.call(
                        "POST",
                        path,
                        teacher,
                        new JsonObject().put("title", "t").put("visibility", "scheduled"),
                        400),
                "availableFrom");
        assertField(
                app.call(
                        "POST",
                        path,
                        teacher,
                        new JsonObject()
                                .put("title", "t")
                                .put("availableFrom", "2026-01-01T00:00:00Z"),
                        400),
                "availableFrom");
        assertField(
                app.call(
                        "POST",
                        path,
                        teacher,
                        new JsonObject().put("title", "t").put("recordedAt", "yesterday"),
                        400),
                "recordedAt");
        assertField(
                app.call(
                        "POST",
                        path,
                        teacher,
                        new JsonObject().put("title", "t").put("colour", "red"),
                        400),
                "colour");
        assertField(
                app.call("GET", "/api/v1/lectures/not-a-uuid", teacher, null, 400), "lectureId");
        assertField(app.call("GET", "/api/v1/lectures?limit=1000", teacher, null, 400), "limit");
        assertEquals(
                "INVALID_CURSOR",
                app.call("GET", "/api/v1/lectures?cursor=zzz", teacher, null, 400)
                        .getString("code"));
        TestHttp.Response notJson = app.http.send("POST", path, teacher, "{oops");
        assertEquals(400, notJson.status());
        assertEquals("application/problem+json", notJson.header("Content-Type"));
    }

    private static void assertField(JsonObject problem, String field) {
        assertEquals("INVALID_FIELD", problem.getString("code"), problem.encode());
        assertEquals(field, problem.getString("field"), problem.encode());
    }

    @Test
    @DisplayName(
            "the lecture list pages with an opaque cursor, filters by course, status and words, and answers 304 to a matching ETag")
    void listing() {
        String course = newCourse("LIST1");
        String other = newCourse("LIST2");
        for (int i = 0; i < 5; i++) {
            newLecture(course, new JsonObject().put("title", "Lecture " + i).put("language", "en"));
        }
        newLecture(
                course,
                new JsonObject()
                        .put("title", "Thermodynamics of running engines")
                        .put("language", "en"));
        newLecture(other, new JsonObject().put("title", "Elsewhere"));
        List<String> titles = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonObject page =
                    app.call(
                            "GET",
                            "/api/v1/lectures?course="
                                    + course
                                    + "&limit=2"
                                    + (cursor == null ? "" : "&cursor=" + cursor),
                            teacher,
                            null,
                            200);
            page.getJsonArray("items")
                    .forEach(item -> titles.add(((JsonObject) item).getString("title")));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertEquals(6, titles.size());
        assertEquals(3, pages);
        assertEquals("Thermodynamics of running engines", titles.get(0), "newest first");
        assertEquals(
                List.of("Thermodynamics of running engines"),
                app
                        .call(
                                "GET",
                                "/api/v1/lectures?q=engine&course=" + course,
                                teacher,
                                null,
                                200)
                        .getJsonArray("items")
                        .stream()
                        .map(o -> ((JsonObject) o).getString("title"))
                        .toList(),
                "English stemming: 'engine' finds 'engines'");
        assertEquals(
                7,
                app.call("GET", "/api/v1/lectures?status=awaiting_upload", teacher, null, 200)
                        .getJsonArray("items")
                        .size());
        assertEquals(
                0,
                app.call("GET", "/api/v1/lectures?status=ready", teacher, null, 200)
                        .getJsonArray("items")
                        .size());
        assertEquals(
                0,
                app.call("GET", "/api/v1/lectures?course=" + course, student, null, 200)
                        .getJsonArray("items")
                        .size(),
                "drafts are hidden from students");

        TestHttp.Response first = app.http.get("/api/v1/lectures?course=" + course, teacher);
        String etag = first.header("ETag");
        assertNotNull(etag);
        TestHttp.Response again =
                app.http.send(
                        "GET",
                        "/api/v1/lectures?course=" + course,
                        teacher,
                        null,
                        Map.of("If-None-Match", etag));
        assertEquals(304, again.status());
        assertEquals(0, again.bytes().length);
        newLecture(course, new JsonObject().put("title", "One more"));
        TestHttp.Response changed =
                app.http.send(
                        "GET",
                        "/api/v1/lectures?course=" + course,
                        teacher,
                        null,
                        Map.of("If-None-Match", etag));
        assertEquals(200, changed.status());
        assertFalse(etag.equals(changed.header("ETag")));
        assertTrue(changed.header("Cache-Control").contains("private"));
    }

    @Test
    @DisplayName(
            "a PATCH with the ETag of the last read succeeds and returns the next ETag; a stale one gets 412 and changes nothing")
    void conditionalUpdate() {
        String course = newCourse("IFM1");
        String id = newLecture(course, new JsonObject().put("title", "Draft")).getString("id");
        String path = "/api/v1/lectures/" + id;
        String etag = app.http.send("GET", path, teacher, null).header("ETag");
        var first =
                app.http.send(
                        "PATCH",
                        path,
                        teacher,
                        new JsonObject().put("title", "First edit").encode().getBytes(),
                        Map.of("Content-Type", "application/json", "If-Match", etag));
        assertEquals(200, first.status(), first.body());
        String next = first.header("ETag");
        assertEquals(next, app.http.send("GET", path, teacher, null).header("ETag"));
        var stale =
                app.http.send(
                        "PATCH",
                        path,
                        teacher,
                        new JsonObject().put("title", "Lost update").encode().getBytes(),
                        Map.of("Content-Type", "application/json", "If-Match", etag));
        assertEquals(412, stale.status());
        assertEquals("PRECONDITION_FAILED", new JsonObject(stale.body()).getString("code"));
        assertEquals("First edit", app.call("GET", path, teacher, null, 200).getString("title"));
    }
}
