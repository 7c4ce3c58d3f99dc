package dev.lectern.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lectern.catalog.StorageKeys;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Deleting lectures and courses")
class DeletionTest {
    private static RunningLectern app;
    private static String admin;
    private static String teacher;

    @BeforeAll
    static void start() {
        app = new RunningLectern();
        admin = app.adminToken("root");
        teacher = app.token("tina");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static String course(String code) {
        String id =
                app.call(
                                "POST",
                                "/api/v1/courses",
                                admin,
                                new JsonObject().put("code", code).put("title", code),
                                201)
                        .getString("id");
        app.addMember(admin, id, "tina", "teacher");
        return id;
    }

    /** A lecture with a source, two versions and a caption track in the bucket. */
    private static UUID lectureWithObjects(String course) {
        UUID id =
                UUID.fromString(
                        app.call(
                                        "POST",
                                        "/api/v1/courses/" + course + "/lectures",
                                        teacher,
                                        new JsonObject().put("title", "Doomed"),
                                        201)
                                .getString("id"));
        for (String key :
                List.of(
                        StorageKeys.source(id),
                        StorageKeys.versionPrefix(id, 1) + "master.m3u8",
                        StorageKeys.versionPrefix(id, 2) + "360p/seg_001.m4s")) {
            Blocking.await(
                    app.infra().store.put(key, Buffer.buffer("bytes"), "application/octet-stream"));
        }
        app.sql(
                "UPDATE lectures SET status = 'ready', last_version = 2, published_version = 2 WHERE id = $1",
                id);
        var caption =
                app.http.send(
                        "POST",
                        "/api/v1/lectures/" + id + "/captions?language=en",
                        teacher,
                        "WEBVTT\n\n00:01.000 --> 00:02.000\ngone soon\n"
                                .getBytes(StandardCharsets.UTF_8),
                        Map.of());
        assertEquals(201, caption.status(), caption.body());
        app.call(
                "POST",
                "/api/v1/lectures/" + id + "/chapters",
                teacher,
                new JsonObject().put("title", "A").put("startSeconds", 0),
                201);
        assertEquals(
                4, Blocking.await(app.infra().store.list(StorageKeys.lecturePrefix(id))).size());
        return id;
    }

    @Test
    @DisplayName("deleting a lecture removes its rows and every object under its prefix")
    void lecture() {
        String course = course("DEL1");
        UUID doomed = lectureWithObjects(course);
        UUID kept = lectureWithObjects(course);
        app.call("DELETE", "/api/v1/lectures/" + doomed, teacher, null, 204);
        assertEquals(
                0,
                Blocking.await(app.infra().store.list(StorageKeys.lecturePrefix(doomed))).size());
        assertEquals(
                4, Blocking.await(app.infra().store.list(StorageKeys.lecturePrefix(kept))).size());
        assertEquals(
                0,
                app.sql(
                                "SELECT 1 FROM captions WHERE lecture_id = $1 UNION ALL SELECT 1 FROM chapters WHERE lecture_id = $1 UNION ALL SELECT 1 FROM caption_cues WHERE lecture_id = $1",
                                doomed)
                        .size());
        app.call("GET", "/api/v1/lectures/" + doomed, teacher, null, 404);
    }

    @Test
    @DisplayName(
            "deleting a course removes its lectures, and the bucket holds nothing of them afterwards")
    void course() {
        String course = course("DEL2");
        lectureWithObjects(course);
        lectureWithObjects(course);
        app.call("DELETE", "/api/v1/courses/" + course, admin, null, 204);
        List<String> left =
                Blocking.await(app.infra().store.list("lectures/")).stream()
                        .map(o -> o.key())
                        .filter(k -> !k.isEmpty())
                        .toList();
        long ofThisCourse =
                app.sql("SELECT 1 FROM lectures WHERE course_id = $1::uuid", course).size();
        assertEquals(0, ofThisCourse);
        // Only the other test's kept lecture may remain; none of this course's objects.
        assertEquals(
                0,
                left.stream()
                        .filter(
                                k ->
                                        app.sql(
                                                                "SELECT 1 FROM lectures WHERE id = $1::uuid",
                                                                k.split("/")[1])
                                                        .size()
                                                == 0)
                        .count(),
                "orphans: " + left);
    }
}
