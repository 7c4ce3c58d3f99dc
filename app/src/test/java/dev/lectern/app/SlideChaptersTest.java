package dev.lectern.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.catalog.ContentKind;
import dev.lectern.catalog.RenditionSet;
import dev.lectern.catalog.StorageKeys;
import dev.lectern.catalog.slide.AutomaticChapters;
import dev.lectern.catalog.slide.PgAutomaticChapters;
import dev.lectern.catalog.slide.Slide;
import dev.lectern.catalog.slide.SlideReading;
import dev.lectern.infra.jobs.JobQueue;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Chapters from slides: automatic until a teacher edits them, slide text in search")
class SlideChaptersTest {
    private static RunningLectern app;
    private static String teacher;
    private static String student;
    private static String outsider;
    private static UUID lecture;
    private static AutomaticChapters automatic;

    @BeforeAll
    static void start() {
        app = new RunningLectern();
        String admin = app.adminToken("root");
        teacher = app.token("tess");
        student = app.token("stu");
        outsider = app.token("otto");
        String course = app.createCourse(admin, "SLIDES1", "Algorithms");
        app.addMember(admin, course, "tess", "teacher");
        app.addMember(admin, course, "stu", "student");
        String other = app.createCourse(admin, "OTHER1", "Other");
        app.addMember(admin, other, "otto", "student");
        lecture = app.createLecture(teacher, course, "Sorting", "published");
        // A published camera-less rendition set is enough for playback's answer.
        RenditionSet renditions =
                new RenditionSet(
                        ContentKind.SCREENCAST,
                        null,
                        90,
                        6,
                        null,
                        null,
                        List.of(),
                        List.of(),
                        "master.m3u8",
                        null,
                        null,
                        null,
                        null,
                        null);
        app.sql(
                "UPDATE lectures SET status = 'ready', last_version = 1, published_version = 1,"
                        + " duration_seconds = 90, renditions = $2 WHERE id = $1",
                lecture,
                renditions.toJson());
        var pool = app.infra().pool;
        automatic =
                new PgAutomaticChapters(pool, new JobQueue(pool, 3), new SlideReading(true, true));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** Slide 1 shown twice (the teacher went back to it), slide 2 with a build of two steps. */
    private static List<Slide> detection(String secondTitle, String secondText) {
        return List.of(
                new Slide(
                        1,
                        "Sorting algorithms",
                        "Sorting algorithms\nWhy order matters",
                        List.of(
                                new Slide.Appearance(0, 30, List.of()),
                                new Slide.Appearance(70, 90, List.of())),
                        thumbnail(1)),
                new Slide(
                        2,
                        secondTitle,
                        secondText,
                        List.of(new Slide.Appearance(30, 70, List.of(41.0, 52.5))),
                        thumbnail(2)));
    }

    /** A stored picture for slide {@code number}, as the slides job would upload it. */
    private static String thumbnail(int number) {
        String path = "slides/" + number + "-0123456789ab.jpg";
        Blocking.await(
                app.infra()
                        .store
                        .put(
                                StorageKeys.lecturePrefix(lecture) + path,
                                Buffer.buffer(new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2}),
                                "image/jpeg"));
        return path;
    }

    private static JsonArray chapters(String token) {
        return app.call("GET", "/api/v1/lectures/" + lecture + "/chapters", token, null, 200)
                .getJsonArray("items");
    }

    private static List<String> titles(JsonArray chapters) {
        return chapters.stream().map(c -> ((JsonObject) c).getString("title")).toList();
    }

    @Test
    @DisplayName(
            "a detection makes one chapter per appearance with the slide's picture; a teacher's"
                    + " edit makes them the teacher's, kept through the next detection, until the"
                    + " teacher takes the slides' chapters back")
    void automaticUntilEdited() {
        boolean kept =
                Blocking.await(
                        automatic.publish(
                                lecture,
                                1,
                                detection("Quicksort", "Quicksort\nPick a pivot\nPartition")));
        assertThat(kept).isTrue();

        JsonArray chapters = chapters(student);
        assertThat(titles(chapters))
                .containsExactly("Sorting algorithms", "Quicksort", "Sorting algorithms");
        assertThat(chapters.getJsonObject(1).getString("origin")).isEqualTo("slides");
        assertThat(chapters.getJsonObject(2).getInteger("slideNumber")).isEqualTo(1);

        JsonObject playback =
                app.call("GET", "/api/v1/lectures/" + lecture + "/playback", student, null, 200);
        assertThat(playback.getJsonArray("chapters").getJsonObject(0).getString("thumbnail"))
                .contains("/media/" + lecture + "/slides/1-0123456789ab.jpg?token=");
        var track = app.http.get(playback.getString("chaptersVtt"), null);
        assertThat(track.status()).isEqualTo(200);
        assertThat(track.body())
                .startsWith("WEBVTT")
                .contains("00:00:30.000 --> 00:01:10.000\nQuicksort")
                .contains("00:01:10.000 --> 00:01:30.000\nSorting algorithms");

        JsonObject slides =
                app.call("GET", "/api/v1/lectures/" + lecture + "/slides", student, null, 200);
        JsonObject second = slides.getJsonArray("items").getJsonObject(1);
        assertThat(second.getString("text")).contains("Pick a pivot");
        assertThat(second.getJsonArray("appearances").getJsonObject(0).getJsonArray("stepSeconds"))
                .containsExactly(41.0, 52.5);
        var picture = app.http.get(second.getString("thumbnail"), null);
        assertThat(picture.status()).isEqualTo(200);
        assertThat(picture.header("Content-Type")).isEqualTo("image/jpeg");
        app.call("GET", "/api/v1/lectures/" + lecture + "/slides", outsider, null, 404);

        String quicksort = chapters.getJsonObject(1).getString("id");
        app.call(
                "PATCH",
                "/api/v1/lectures/" + lecture + "/chapters/" + quicksort,
                teacher,
                new JsonObject().put("title", "Quicksort, step by step"),
                200);
        assertThat(chapters(student).stream().map(c -> ((JsonObject) c).getString("origin")))
                .as("the first edit makes every chapter the teacher's")
                .containsOnly("teacher");
        JsonObject status =
                app.call(
                        "GET",
                        "/api/v1/lectures/" + lecture + "/chapters/automatic",
                        teacher,
                        null,
                        200);
        assertThat(status.getBoolean("teacherChapters")).isTrue();
        assertThat(status.getLong("slides")).isEqualTo(2);

        Blocking.await(automatic.publish(lecture, 1, detection("Mergesort", "Mergesort\nSplit")));
        assertThat(titles(chapters(student)))
                .as("a new detection leaves the teacher's chapters alone")
                .containsExactly(
                        "Sorting algorithms", "Quicksort, step by step", "Sorting algorithms");

        app.call(
                "POST",
                "/api/v1/lectures/" + lecture + "/chapters/from-slides",
                student,
                null,
                403);
        JsonArray back =
                app.call(
                                "POST",
                                "/api/v1/lectures/" + lecture + "/chapters/from-slides",
                                teacher,
                                null,
                                200)
                        .getJsonArray("items");
        assertThat(titles(back))
                .containsExactly("Sorting algorithms", "Mergesort", "Sorting algorithms");
        assertThat(back.getJsonObject(1).getString("origin")).isEqualTo("slides");
    }

    @Test
    @DisplayName(
            "slide text is searchable: a hit names the slide, its picture and its first moment;"
                    + " a detection of a version no longer published keeps nothing")
    void slideTextSearch() {
        Blocking.await(
                automatic.publish(
                        lecture, 1, detection("Heapsort", "Heapsort\nA binary heap in an array")));
        JsonArray items =
                app.call("GET", "/api/v1/search?q=binary%20heap", student, null, 200)
                        .getJsonArray("items");
        assertThat(items).hasSize(1);
        JsonObject hit = items.getJsonObject(0).getJsonArray("slideHits").getJsonObject(0);
        assertThat(hit.getInteger("number")).isEqualTo(2);
        assertThat(hit.getString("title")).isEqualTo("Heapsort");
        assertThat(hit.getDouble("startSeconds")).isEqualTo(30.0);
        assertThat(hit.getString("thumbnail")).contains("/media/" + lecture + "/slides/2-");
        assertThat(
                        app.call("GET", "/api/v1/search?q=binary%20heap", outsider, null, 200)
                                .getJsonArray("items"))
                .isEmpty();

        boolean kept =
                Blocking.await(automatic.publish(lecture, 7, detection("Stale", "Stale text")));
        assertThat(kept).isFalse();
        assertThat(
                        app.call("GET", "/api/v1/search?q=stale", student, null, 200)
                                .getJsonArray("items"))
                .isEmpty();
    }

    @Test
    @DisplayName("where detection is off teachers are told so; only screen recordings have slides")
    void detectionOff() {
        JsonObject status =
                app.call(
                        "GET",
                        "/api/v1/lectures/" + lecture + "/chapters/automatic",
                        teacher,
                        null,
                        200);
        assertThat(status.getString("state")).isEqualTo("off");
        app.call("GET", "/api/v1/lectures/" + lecture + "/chapters/automatic", student, null, 403);
        JsonObject refused =
                app.call(
                        "POST",
                        "/api/v1/lectures/" + lecture + "/chapters/automatic",
                        teacher,
                        null,
                        409);
        assertThat(refused.getString("code"))
                .as("this lecture's rendition set has no picture to look at")
                .isEqualTo("NOT_A_SLIDE_VIDEO");
    }
}
