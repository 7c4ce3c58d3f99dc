package dev.lectern.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.catalog.caption.AutomaticCaptions;
import dev.lectern.catalog.caption.CaptionFiles;
import dev.lectern.catalog.caption.Cue;
import dev.lectern.catalog.caption.PgAutomaticCaptions;
import dev.lectern.catalog.caption.PgCaptionStore;
import dev.lectern.catalog.caption.Recognition;
import dev.lectern.catalog.caption.SpokenWord;
import dev.lectern.catalog.media.MediaTokens;
import dev.lectern.infra.auth.Identity;
import dev.lectern.infra.jobs.JobQueue;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Caption tracks: automatic drafts, editing, publishing, transcripts, glossaries")
class CaptionEditingTest {
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
        teacher = app.token("tina");
        student = app.token("sam");
        course = app.createCourse(admin, "EDIT1", "Editing");
        app.addMember(admin, course, "tina", "teacher");
        app.addMember(admin, course, "sam", "student");
        lecture = app.createLecture(teacher, course, "Sorting", "published");
        app.sql(
                "UPDATE lectures SET status = 'ready', last_version = 1, published_version = 1,"
                        + " duration_seconds = 60 WHERE id = $1",
                lecture);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** An automatic track as an engine that makes drafts would publish it. */
    private static JsonObject recognisedDraft() {
        var pool = app.infra().pool;
        var captions = new PgCaptionStore(pool);
        AutomaticCaptions automatic =
                new PgAutomaticCaptions(
                        pool,
                        new JobQueue(pool, 3),
                        new CaptionFiles(captions, app.infra().store),
                        Recognition.with("pocketsphinx", "cmusphinx-en-us", true));
        List<Cue> cues =
                List.of(
                        new Cue(
                                1.0,
                                3.0,
                                "",
                                "quick sort picks a pivot",
                                List.of(
                                        new SpokenWord("quick", 1.0, 1.3),
                                        new SpokenWord("sort", 1.3, 1.6),
                                        new SpokenWord("picks", 1.7, 2.0),
                                        new SpokenWord("a", 2.0, 2.1),
                                        new SpokenWord("pivot", 2.2, 2.9))),
                        new Cue(5.0, 7.0, "", "then partitions the array"));
        return Blocking.await(automatic.publish(lecture, "en", cues)).toJson();
    }

    private static List<String> trackIds(String token) {
        JsonArray items =
                app.call("GET", "/api/v1/lectures/" + lecture + "/captions", token, null, 200)
                        .getJsonArray("items");
        return items.stream().map(o -> ((JsonObject) o).getString("id")).toList();
    }

    private static int searchHits(String token, String words) {
        JsonArray items =
                app.call(
                                "GET",
                                "/api/v1/search?q="
                                        + URLEncoder.encode(words, StandardCharsets.UTF_8),
                                token,
                                null,
                                200)
                        .getJsonArray("items");
        return items.isEmpty() ? 0 : items.getJsonObject(0).getJsonArray("captionHits").size();
    }

    private static int mediaStatus(String captionId) {
        String token =
                Blocking.await(
                        new MediaTokens(app.infra().pool)
                                .issue(new Identity("sam", "sam", false), lecture, Instant.now()));
        return app.http
                .get(
                        app.http.baseUrl()
                                + "/media/"
                                + lecture
                                + "/captions/"
                                + captionId
                                + ".vtt?token="
                                + token,
                        null)
                .status();
    }

    @Test
    @DisplayName(
            "a draft is hidden from students everywhere until a teacher edits and publishes it;"
                    + " each save is a new revision that players, search and transcripts see")
    void draftReviewedAndPublished() {
        JsonObject draft = recognisedDraft();
        String id = draft.getString("id");
        assertThat(draft.getString("origin")).isEqualTo("automatic");
        assertThat(draft.getString("label")).isEqualTo("English (automatic)");
        assertThat(draft.getString("engine")).isEqualTo("pocketsphinx");
        assertThat(draft.getBoolean("published")).isFalse();
        assertThat(draft.getBoolean("default")).isFalse();

        assertThat(trackIds(teacher)).contains(id);
        assertThat(trackIds(student)).doesNotContain(id);
        app.call("GET", "/api/v1/lectures/" + lecture + "/captions/" + id, student, null, 404);
        app.call(
                "PATCH",
                "/api/v1/lectures/" + lecture + "/captions/" + id,
                teacher,
                new JsonObject().put("default", true),
                400);
        assertThat(mediaStatus(id)).as("players never get a draft").isEqualTo(404);
        assertThat(searchHits(student, "pivot")).isZero();
        app.call("GET", "/api/v1/lectures/" + lecture + "/transcript", student, null, 404);

        JsonObject edited =
                app.call(
                        "PUT",
                        "/api/v1/lectures/" + lecture + "/captions/" + id + "/cues",
                        teacher,
                        new JsonObject()
                                .put(
                                        "cues",
                                        new JsonArray()
                                                .add(cue(4.0, 7.0, "Then it partitions the array."))
                                                .add(cue(1.0, 3.0, "quick sort picks a pivot"))
                                                .add(cue(9.5, 11.0, "Quicksort recurses."))),
                        200);
        assertThat(edited.getInteger("revision")).isEqualTo(2);
        assertThat(edited.getInteger("cueCount")).isEqualTo(3);
        JsonObject withCues =
                app.call(
                        "GET",
                        "/api/v1/lectures/" + lecture + "/captions/" + id,
                        teacher,
                        null,
                        200);
        assertThat(withCues.getJsonArray("cues").getJsonObject(0).getString("text"))
                .as("saved in time order")
                .isEqualTo("quick sort picks a pivot");
        assertThat(
                        app.sql(
                                        "SELECT words FROM caption_cues WHERE caption_id = $1 ORDER BY seq",
                                        UUID.fromString(id))
                                .iterator()
                                .next()
                                .getJsonArray(0))
                .as("an unchanged cue keeps its word timings")
                .hasSize(5);

        JsonObject published =
                app.call(
                        "PATCH",
                        "/api/v1/lectures/" + lecture + "/captions/" + id,
                        teacher,
                        new JsonObject().put("published", true).put("default", true),
                        200);
        assertThat(published.getBoolean("published")).isTrue();
        assertThat(trackIds(student)).contains(id);
        assertThat(mediaStatus(id)).isEqualTo(200);
        assertThat(searchHits(student, "recurses")).isEqualTo(1);
        JsonObject pivot =
                app.call("GET", "/api/v1/search?q=pivots", student, null, 200)
                        .getJsonArray("items")
                        .getJsonObject(0)
                        .getJsonArray("captionHits")
                        .getJsonObject(0);
        assertThat(pivot.getDouble("startSeconds"))
                .as("a hit lands on the recognised word, not the start of its cue")
                .isEqualTo(2.2);
        var transcript = app.http.get("/api/v1/lectures/" + lecture + "/transcript", student);
        assertThat(transcript.status()).isEqualTo(200);
        assertThat(transcript.body())
                .isEqualTo(
                        "quick sort picks a pivot Then it partitions the array.\n\n"
                                + "Quicksort recurses.\n");

        app.call(
                "PATCH",
                "/api/v1/lectures/" + lecture + "/captions/" + id,
                teacher,
                new JsonObject().put("published", true).put("default", true).put("label", ""),
                400);
        app.call(
                "PUT",
                "/api/v1/lectures/" + lecture + "/captions/" + id + "/cues",
                student,
                new JsonObject().put("cues", new JsonArray()),
                403);
        JsonObject bad =
                app.call(
                        "PUT",
                        "/api/v1/lectures/" + lecture + "/captions/" + id + "/cues",
                        teacher,
                        new JsonObject().put("cues", new JsonArray().add(cue(4, 3, "backwards"))),
                        400);
        assertThat(bad.getString("field")).isEqualTo("cues/0");

        JsonObject hidden =
                app.call(
                        "PATCH",
                        "/api/v1/lectures/" + lecture + "/captions/" + id,
                        teacher,
                        new JsonObject().put("published", false),
                        200);
        assertThat(hidden.getBoolean("default"))
                .as("a hidden track is never the default")
                .isFalse();
        assertThat(trackIds(student)).doesNotContain(id);
    }

    @Test
    @DisplayName(
            "without a speech engine, automatic captions say they are off and cannot be asked for")
    void automaticOff() {
        JsonObject status =
                app.call(
                        "GET",
                        "/api/v1/lectures/" + lecture + "/captions/automatic",
                        teacher,
                        null,
                        200);
        assertThat(status.getBoolean("enabled")).isFalse();
        assertThat(status.getString("state")).isEqualTo("off");
        JsonObject refused =
                app.call(
                        "POST",
                        "/api/v1/lectures/" + lecture + "/captions/automatic",
                        teacher,
                        null,
                        409);
        assertThat(refused.getString("code")).isEqualTo("AUTOMATIC_CAPTIONS_OFF");
        app.call("GET", "/api/v1/lectures/" + lecture + "/captions/automatic", student, null, 403);
    }

    @Test
    @DisplayName("a course keeps a glossary of up to 100 terms for recognising its lectures")
    void glossary() {
        JsonObject updated =
                app.call(
                        "PATCH",
                        "/api/v1/courses/" + course,
                        teacher,
                        new JsonObject()
                                .put(
                                        "glossary",
                                        new JsonArray(
                                                List.of("quicksort", " Dijkstra ", "quicksort"))),
                        200);
        assertThat(updated.getJsonArray("glossary").getList())
                .containsExactly("quicksort", "Dijkstra");
        JsonArray tooMany = new JsonArray();
        for (int i = 0; i <= 100; i++) {
            tooMany.add("term" + i);
        }
        JsonObject refused =
                app.call(
                        "PATCH",
                        "/api/v1/courses/" + course,
                        teacher,
                        new JsonObject().put("glossary", tooMany),
                        400);
        assertThat(refused.getString("field")).isEqualTo("glossary");
        assertThat(
                        app.call("GET", "/api/v1/courses/" + course, student, null, 200)
                                .getJsonArray("glossary")
                                .size())
                .isEqualTo(2);
    }

    private static JsonObject cue(double start, double end, String text) {
        return new JsonObject().put("start", start).put("end", end).put("text", text);
    }
}
