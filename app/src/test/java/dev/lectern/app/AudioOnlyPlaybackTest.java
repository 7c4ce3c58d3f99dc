package dev.lectern.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.catalog.StorageKeys;
import dev.lectern.catalog.lifecycle.PgLectureLifecycle;
import dev.lectern.catalog.lifecycle.SourceObject;
import dev.lectern.catalog.lifecycle.SourceSummary;
import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestMedia;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A recording without video (a webinar's audio) goes through the real worker; its playback must
 * offer only what the transcoder wrote for it.
 */
@DisplayName("Playback of an audio-only lecture")
class AudioOnlyPlaybackTest {
    private static RunningLectern app;
    private static String student;
    private static UUID lecture;

    @BeforeAll
    static void start() throws Exception {
        app = new RunningLectern();
        String admin = app.adminToken("root");
        String teacher = app.token("tina");
        student = app.token("sam");
        String course = app.createCourse(admin, "AUDIO1", "Radio lectures");
        app.addMember(admin, course, "tina", "teacher");
        app.addMember(admin, course, "sam", "student");
        lecture = app.createLecture(teacher, course, "Heard, not seen", "published");

        Path tone = TestMedia.toneOnly(TestDirs.create("audio-only"), "talk.m4a", 4);
        var infra = app.infra();
        Blocking.await(infra.store.put(StorageKeys.source(lecture), tone, "audio/mp4"));
        var lifecycle =
                new PgLectureLifecycle(infra.pool, infra.config.infra().worker().maxAttempts());
        Blocking.await(lifecycle.beginUpload(lecture));
        Blocking.await(
                lifecycle.acceptSource(
                        lecture,
                        new SourceObject(StorageKeys.source(lecture), "talk.m4a", Files.size(tone)),
                        new SourceSummary("mov,mp4,m4a,3gp,3g2,mj2", 4, List.of()),
                        1));
        assertThat(awaitProcessed()).isEqualTo("ready");

        var caption =
                app.http.send(
                        "POST",
                        "/api/v1/lectures/" + lecture + "/captions?language=en",
                        teacher,
                        "WEBVTT\n\n00:00.500 --> 00:02.000\nListen\n"
                                .getBytes(StandardCharsets.UTF_8),
                        Map.of());
        assertThat(caption.status()).as(caption.body()).isEqualTo(201);
    }

    private static String awaitProcessed() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 180_000;
        String status = "";
        while (System.currentTimeMillis() < deadline) {
            status =
                    app.sql("SELECT status FROM lectures WHERE id = $1", lecture)
                            .iterator()
                            .next()
                            .getString(0);
            if (status.equals("ready") || status.equals("failed")) {
                break;
            }
            Thread.sleep(500);
        }
        return status;
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static JsonObject playback() {
        return app.call("GET", "/api/v1/lectures/" + lecture + "/playback", student, null, 200);
    }

    @Test
    @DisplayName(
            "lists no poster, no thumbnails and no video download, only the audio one and its"
                    + " captions")
    void offersOnlyAudio() {
        JsonObject body = playback();
        assertThat(body.getJsonObject("renditions").getString("kind")).isEqualTo("AUDIO_ONLY");
        assertThat(body.containsKey("poster")).as("poster").isFalse();
        assertThat(body.containsKey("thumbnails")).as("thumbnails").isFalse();
        JsonArray downloads = body.getJsonArray("downloads");
        assertThat(downloads.stream().map(d -> ((JsonObject) d).getString("kind")).toList())
                .as(downloads.encode())
                .containsExactly("audio", "captions");
        assertThat(body.getString("hls")).contains("token=");
        assertThat(body.getString("dash")).contains("token=");
    }

    @Test
    @DisplayName("every URL it lists answers 200")
    void everyListedUrlAnswers() {
        List<String> urls = new ArrayList<>();
        collectUrls(playback(), urls);
        for (String url : urls) {
            assertThat(app.http.get(url, null).status()).as(url).isEqualTo(200);
        }
        assertThat(urls)
                .as("hls, dash, the audio download, the caption and its sidecar download")
                .hasSize(5);
    }

    private static void collectUrls(Object json, List<String> urls) {
        if (json instanceof JsonObject object) {
            object.forEach(field -> collectUrls(field.getValue(), urls));
        } else if (json instanceof JsonArray array) {
            array.forEach(element -> collectUrls(element, urls));
        } else if (json instanceof String text && text.startsWith(app.http.baseUrl())) {
            urls.add(text);
        }
    }
}
