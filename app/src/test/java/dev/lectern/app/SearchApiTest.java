package dev.lectern.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Full-text search")
class SearchApiTest {
    private static RunningLectern app;
    private static String teacher;
    private static String student;
    private static String outsider;

    @BeforeAll
    static void start() {
        app = new RunningLectern();
        String admin = app.adminToken("root");
        teacher = app.token("tina");
        student = app.token("sam");
        outsider = app.token("olga");
        String course = app.createCourse(admin, "S1", "Search");
        String other = app.createCourse(admin, "S2", "Other");
        app.addMember(admin, course, "tina", "teacher");
        app.addMember(admin, course, "sam", "student");
        app.addMember(admin, other, "olga", "student");
        String inTitle =
                lecture(course, "Entropy and the second law", "Why heat flows", "en", true);
        String inCaptions = lecture(course, "Engines", "Carnot cycles", "en", true);
        lecture(course, "Entropy drafts", "not released yet", "en", false);
        lecture(course, "Entropie und Wärme", "Vorlesungen über Thermodynamik", "de", true);
        String srt =
                "1\n00:00:10,000 --> 00:00:12,000\nSo the entropy of the gas\n\n2\n00:01:40,500 --> 00:01:43,000\nentropy never decreases\n\n3\n00:02:00,000 --> 00:02:01,000\nunrelated\n";
        var response =
                app.http.send(
                        "POST",
                        "/api/v1/lectures/" + inCaptions + "/captions?language=en",
                        teacher,
                        srt.getBytes(StandardCharsets.UTF_8),
                        Map.of());
        assertEquals(201, response.status(), response.body());
        assertTrue(inTitle.length() > 0);
    }

    private static String lecture(
            String course, String title, String description, String language, boolean released) {
        String id =
                app.call(
                                "POST",
                                "/api/v1/courses/" + course + "/lectures",
                                teacher,
                                new JsonObject()
                                        .put("title", title)
                                        .put("description", description)
                                        .put("language", language)
                                        .put("visibility", "published"),
                                201)
                        .getString("id");
        if (released) {
            app.sql(
                    "UPDATE lectures SET status = 'ready', last_version = 1, published_version = 1 WHERE id = $1::uuid",
                    id);
        }
        return id;
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static JsonArray search(String token, String q) {
        return app.call(
                        "GET",
                        "/api/v1/search?q=" + java.net.URLEncoder.encode(q, StandardCharsets.UTF_8),
                        token,
                        null,
                        200)
                .getJsonArray("items");
    }

    private static List<String> titles(JsonArray items) {
        return items.stream()
                .map(o -> ((JsonObject) o).getJsonObject("lecture").getString("title"))
                .toList();
    }

    @Test
    @DisplayName(
            "a title match ranks above a caption-only match, and caption hits carry the timestamps of the words")
    void rankingAndTimestamps() {
        JsonArray items = search(student, "entropy");
        assertEquals(List.of("Entropy and the second law", "Engines"), titles(items));
        JsonArray hits = items.getJsonObject(1).getJsonArray("captionHits");
        assertEquals(2, hits.size());
        assertEquals(10.0, hits.getJsonObject(0).getDouble("startSeconds"));
        assertEquals(100.5, hits.getJsonObject(1).getDouble("startSeconds"));
        assertEquals("entropy never decreases", hits.getJsonObject(1).getString("text"));
    }

    @Test
    @DisplayName(
            "stemming follows the lecture's language: 'decrease' finds English captions, 'Vorlesung' finds German 'Vorlesungen'")
    void languageAware() {
        assertEquals(List.of("Engines"), titles(search(student, "decrease")));
        assertEquals(List.of("Entropie und Wärme"), titles(search(student, "Vorlesung")));
    }

    @Test
    @DisplayName(
            "only lectures the caller may see are searched: drafts for teachers only, nothing for outsiders")
    void onlyVisible() {
        assertEquals(List.of(), titles(search(outsider, "entropy")));
        assertTrue(titles(search(teacher, "drafts")).contains("Entropy drafts"));
        assertEquals(List.of(), titles(search(student, "drafts")));
        app.call("GET", "/api/v1/search", student, null, 400);
    }
}
