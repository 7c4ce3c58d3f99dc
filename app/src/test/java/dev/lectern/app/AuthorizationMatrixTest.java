package dev.lectern.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lectern.infra.auth.Identity;
import dev.lectern.infra.auth.SigningKey;
import dev.lectern.infra.auth.TokenService;
import dev.lectern.testkit.TestHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint against every kind of caller, over real HTTP. Each request gets fresh rows (a
 * course with a teacher, a student and a released lecture), so a DELETE in one cell cannot change
 * the answer of another.
 */
@DisplayName("The authorization matrix")
class AuthorizationMatrixTest {
    private static final AtomicInteger COURSES = new AtomicInteger();
    private static RunningLectern app;
    private static final Map<Caller, String> TOKENS = new EnumMap<>(Caller.class);

    @BeforeAll
    static void start() {
        app = new RunningLectern();
        TOKENS.put(Caller.OUTSIDER, app.token("outsider"));
        TOKENS.put(Caller.STUDENT, app.token("student"));
        TOKENS.put(Caller.TEACHER, app.token("teacher"));
        TOKENS.put(Caller.ADMIN, app.adminToken("admin"));
        TOKENS.put(Caller.EXPIRED, app.expiredToken("teacher"));
        TokenService forger =
                TokenService.embedded(
                        app.infra().vertx,
                        app.infra().config.infra().auth(),
                        SigningKey.ephemeral());
        TOKENS.put(
                Caller.FORGED,
                forger.issue(new Identity("admin", "admin", true), Duration.ofHours(1)));
        app.sql("INSERT INTO users (id) VALUES ('outsider'), ('student'), ('teacher')");
        UUID elsewhere = course();
        app.sql(
                "INSERT INTO memberships (course_id, user_id, role) VALUES ($1, 'outsider', 'student')",
                elsewhere);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** Who calls. */
    enum Caller {
        ANONYMOUS,
        OUTSIDER,
        STUDENT,
        TEACHER,
        ADMIN,
        EXPIRED,
        FORGED
    }

    /** One endpoint and the status each caller must get. */
    record Row(String method, String path, String body, Map<Caller, Integer> expected) {}

    /** The ids one request works on. */
    record Fixture(UUID course, UUID lecture, UUID caption, UUID chapter) {
        String fill(String template) {
            return template.replace("{course}", course.toString())
                    .replace("{lecture}", lecture.toString())
                    .replace("{caption}", caption.toString())
                    .replace("{chapter}", chapter.toString());
        }
    }

    private static Map<Caller, Integer> expect(int outsider, int student, int teacher, int admin) {
        Map<Caller, Integer> map = new EnumMap<>(Caller.class);
        map.put(Caller.ANONYMOUS, 401);
        map.put(Caller.OUTSIDER, outsider);
        map.put(Caller.STUDENT, student);
        map.put(Caller.TEACHER, teacher);
        map.put(Caller.ADMIN, admin);
        map.put(Caller.EXPIRED, 401);
        map.put(Caller.FORGED, 401);
        return map;
    }

    /** Members read; outsiders learn nothing (404). */
    private static Map<Caller, Integer> membersRead() {
        return expect(404, 200, 200, 200);
    }

    /** The course's teachers and admins act; students are told no (403), outsiders 404. */
    private static Map<Caller, Integer> teachers(int success) {
        return expect(404, 403, success, success);
    }

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("GET", "/api/v1/me", null, expect(200, 200, 200, 200)));
        rows.add(new Row("GET", "/api/v1/courses", null, expect(200, 200, 200, 200)));
        rows.add(
                new Row(
                        "POST",
                        "/api/v1/courses",
                        "{\"code\":\"NEW-{lecture}\",\"title\":\"New\"}",
                        expect(403, 403, 403, 201)));
        rows.add(new Row("GET", "/api/v1/courses/{course}", null, membersRead()));
        rows.add(
                new Row(
                        "PATCH",
                        "/api/v1/courses/{course}",
                        "{\"term\":\"Spring\"}",
                        teachers(200)));
        rows.add(new Row("DELETE", "/api/v1/courses/{course}", null, expect(404, 403, 403, 204)));
        rows.add(new Row("GET", "/api/v1/courses/{course}/members", null, teachers(200)));
        rows.add(
                new Row(
                        "PUT",
                        "/api/v1/courses/{course}/members/newcomer",
                        "{\"role\":\"student\"}",
                        teachers(201)));
        rows.add(
                new Row("DELETE", "/api/v1/courses/{course}/members/student", null, teachers(204)));
        rows.add(
                new Row(
                        "POST",
                        "/api/v1/courses/{course}/lectures",
                        "{\"title\":\"Fresh\"}",
                        teachers(201)));
        rows.add(new Row("GET", "/api/v1/lectures", null, expect(200, 200, 200, 200)));
        rows.add(new Row("GET", "/api/v1/lectures/{lecture}", null, membersRead()));
        rows.add(
                new Row(
                        "PATCH",
                        "/api/v1/lectures/{lecture}",
                        "{\"title\":\"Renamed\"}",
                        teachers(200)));
        rows.add(new Row("DELETE", "/api/v1/lectures/{lecture}", null, teachers(204)));
        rows.add(new Row("POST", "/api/v1/lectures/{lecture}/reprocess", null, teachers(202)));
        rows.add(new Row("GET", "/api/v1/lectures/{lecture}/captions", null, membersRead()));
        rows.add(
                new Row(
                        "POST",
                        "/api/v1/lectures/{lecture}/captions?language=en",
                        "WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n",
                        teachers(201)));
        rows.add(
                new Row(
                        "DELETE",
                        "/api/v1/lectures/{lecture}/captions/{caption}",
                        null,
                        teachers(204)));
        rows.add(new Row("GET", "/api/v1/lectures/{lecture}/chapters", null, membersRead()));
        rows.add(
                new Row(
                        "POST",
                        "/api/v1/lectures/{lecture}/chapters",
                        "{\"title\":\"Part 2\",\"startSeconds\":60}",
                        teachers(201)));
        rows.add(
                new Row(
                        "PATCH",
                        "/api/v1/lectures/{lecture}/chapters/{chapter}",
                        "{\"title\":\"Opening\"}",
                        teachers(200)));
        rows.add(
                new Row(
                        "DELETE",
                        "/api/v1/lectures/{lecture}/chapters/{chapter}",
                        null,
                        teachers(204)));
        rows.add(
                new Row(
                        "PUT",
                        "/api/v1/lectures/{lecture}/progress",
                        "{\"positionSeconds\":12.5}",
                        membersRead204()));
        rows.add(new Row("GET", "/api/v1/lectures/{lecture}/completion", null, teachers(200)));
        rows.add(new Row("GET", "/api/v1/search?q=released", null, expect(200, 200, 200, 200)));
        rows.add(new Row("GET", "/api/v1/lectures/{lecture}/playback", null, membersRead()));
        return rows;
    }

    private static Map<Caller, Integer> membersRead204() {
        return expect(404, 204, 204, 204);
    }

    @Test
    @DisplayName("every endpoint answers every kind of caller as the access rules say")
    void everyEndpointEveryCaller() {
        List<String> wrong = new ArrayList<>();
        int cells = 0;
        for (Row row : rows()) {
            for (Caller caller : Caller.values()) {
                Fixture fixture = fixture();
                String path = fixture.fill(row.path());
                String body = row.body() == null ? null : fixture.fill(row.body());
                TestHttp.Response response =
                        app.http.send(row.method(), path, TOKENS.get(caller), body);
                int expected = row.expected().get(caller);
                cells++;
                if (response.status() != expected) {
                    String text = response.body();
                    wrong.add(
                            row.method()
                                    + " "
                                    + row.path()
                                    + " as "
                                    + caller
                                    + ": "
                                    + response.status()
                                    + " (expected "
                                    + expected
                                    + ") "
                                    + text.substring(0, Math.min(200, text.length())));
                }
            }
        }
        assertEquals(List.of(), wrong, "cells checked: " + cells);
    }

    private static UUID course() {
        return app.sql(
                        "INSERT INTO courses (code, title) VALUES ($1, 'Matrix') RETURNING id",
                        "M" + COURSES.incrementAndGet())
                .iterator()
                .next()
                .getUUID(0);
    }

    /** A course with a teacher and a student, and a released, processed lecture. */
    private static Fixture fixture() {
        UUID course = course();
        app.sql(
                "INSERT INTO memberships (course_id, user_id, role)"
                        + " VALUES ($1, 'teacher', 'teacher'), ($1, 'student', 'student')",
                course);
        UUID lecture =
                app.sql(
                                "INSERT INTO lectures (course_id, title, status, visibility,"
                                        + " source_key, last_version, published_version, renditions)"
                                        + " VALUES ($1, 'Released', 'ready', 'published',"
                                        + " 'source', 1, 1, $2) RETURNING id",
                                course,
                                Renditions.json())
                        .iterator()
                        .next()
                        .getUUID(0);
        UUID caption =
                app.sql(
                                "INSERT INTO captions (lecture_id, language, label, object_key, cue_count)"
                                        + " VALUES ($1, 'en', 'English', 'lectures/' || $1 || '/captions/x.vtt', 0)"
                                        + " RETURNING id",
                                lecture)
                        .iterator()
                        .next()
                        .getUUID(0);
        UUID chapter =
                app.sql(
                                "INSERT INTO chapters (lecture_id, title, start_seconds) VALUES ($1, 'Intro', 0)"
                                        + " RETURNING id",
                                lecture)
                        .iterator()
                        .next()
                        .getUUID(0);
        return new Fixture(course, lecture, caption, chapter);
    }
}
