package dev.lectern.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.catalog.caption.CaptionFiles;
import dev.lectern.catalog.caption.CaptionImports;
import dev.lectern.catalog.caption.Cue;
import dev.lectern.catalog.caption.PgCaptionStore;
import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestMedia;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Webinar recordings that bring their own captions: Zoom's transcript and BigBlueButton's closed
 * captions become the lecture's captions, fetched from a loopback stand-in for each server.
 */
@DisplayName("Captions that come with webinar recordings")
class WebinarCaptionsTest {
    static final String ZOOM_SECRET = "zoom-secret";
    static final String BBB_SECRET = "bbb-secret";
    static final String ZOOM_MEETING = "85746065432";
    static final UUID ZOOM_COURSE = UUID.randomUUID();
    static final UUID BBB_COURSE = UUID.randomUUID();
    static final String VTT =
            "WEBVTT\n\n00:00:00.500 --> 00:00:02.000\nWelcome to thermodynamics.\n\n"
                    + "00:00:02.500 --> 00:00:04.000\nToday: entropy.\n";

    static Vertx vertx;
    static HttpServer origin;
    static final Map<String, Buffer> files = new ConcurrentHashMap<>();
    static RunningLectern service;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        origin =
                vertx.createHttpServer()
                        .requestHandler(
                                request -> {
                                    Buffer body = files.get(request.path());
                                    if (body == null) {
                                        request.response().setStatusCode(404).end();
                                    } else {
                                        request.response().end(body);
                                    }
                                })
                        .listen(0, "127.0.0.1")
                        .await();
        byte[] clip =
                Files.readAllBytes(
                        TestMedia.videoWithTone(
                                TestDirs.create("webinar-captions"), "talk.mp4", 320, 180, 25, 4));
        files.put("/zoom/recording.mp4", Buffer.buffer(clip));
        files.put("/zoom/transcript.vtt", Buffer.buffer(VTT));
        service =
                new RunningLectern(
                        Map.of(
                                "LECTERN_ZOOM_WEBHOOK_SECRET",
                                ZOOM_SECRET,
                                "LECTERN_ZOOM_COURSE_MAP",
                                ZOOM_MEETING + ":" + ZOOM_COURSE,
                                "LECTERN_BBB_URL",
                                base(),
                                "LECTERN_BBB_SECRET",
                                BBB_SECRET,
                                "LECTERN_BBB_COURSE_MAP",
                                "physics-live:" + BBB_COURSE,
                                "LECTERN_IMPORT_ALLOWED_HOSTS",
                                "127.0.0.1"),
                        UrlImportTest.IMPORTS_ONLY);
        for (UUID course : List.of(ZOOM_COURSE, BBB_COURSE)) {
            service.sql(
                    "INSERT INTO courses (id, code, title) VALUES ($1, $2, 'Webinars')",
                    course,
                    course.toString().substring(0, 8));
        }
        files.put("/presentation/rec-1700000000000/video/webcams.webm", Buffer.buffer(clip));
        files.put(
                "/presentation/rec-1700000000000/captions.json",
                new JsonArray()
                        .add(new JsonObject().put("locale", "en").put("localeName", "English"))
                        .add(new JsonObject().put("locale", "de").put("localeName", "Deutsch"))
                        .toBuffer());
        files.put("/presentation/rec-1700000000000/caption_en.vtt", Buffer.buffer(VTT));
        files.put(
                "/presentation/rec-1700000000000/caption_de.vtt",
                Buffer.buffer("WEBVTT\n\n00:01.000 --> 00:02.000\nWillkommen.\n"));
    }

    @AfterAll
    static void stop() {
        service.close();
        origin.close().await();
        vertx.close().await();
    }

    static String base() {
        return "http://127.0.0.1:" + origin.actualPort();
    }

    @Test
    @DisplayName(
            "Zoom's transcript becomes the lecture's published, default caption track, and no"
                    + " speech recognition is queued for it")
    void zoomTranscript() throws Exception {
        long t = System.currentTimeMillis() / 1000;
        String body =
                new JsonObject()
                        .put("event", "recording.completed")
                        .put("download_token", "dl-token")
                        .put(
                                "payload",
                                new JsonObject()
                                        .put(
                                                "object",
                                                new JsonObject()
                                                        .put("uuid", "zoom-uuid-1")
                                                        .put("id", Long.parseLong(ZOOM_MEETING))
                                                        .put("topic", "Thermodynamics live")
                                                        .put(
                                                                "recording_files",
                                                                new JsonArray()
                                                                        .add(
                                                                                file(
                                                                                        "MP4",
                                                                                        "/zoom/recording.mp4"))
                                                                        .add(
                                                                                file(
                                                                                        "TRANSCRIPT",
                                                                                        "/zoom/transcript.vtt")))))
                        .encode();
        var response =
                service.http.send(
                        "POST",
                        "/api/v1/webhooks/zoom",
                        null,
                        body.getBytes(StandardCharsets.UTF_8),
                        WebhookTest.zoomHeaders(body, t, ZOOM_SECRET));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        UUID lecture = UUID.fromString(new JsonObject(response.body()).getString("lectureId"));

        assertThat(service.awaitStatusLeaves(lecture, "uploading")).isEqualTo("queued");
        List<Row> tracks = tracks(lecture);
        assertThat(tracks).hasSize(1);
        Row track = tracks.getFirst();
        assertThat(track.getString("origin")).isEqualTo("imported");
        assertThat(track.getString("label")).isEqualTo("Transcript (Zoom)");
        assertThat(track.getBoolean("published")).isTrue();
        assertThat(track.getBoolean("is_default")).isTrue();
        assertThat(track.getInteger("cue_count")).isEqualTo(2);
    }

    @Test
    @DisplayName(
            "BigBlueButton's captions, one file per language from its index, become the lecture's"
                    + " tracks; a repeated import adds none")
    void bbbCaptions() throws Exception {
        JsonObject claims =
                new JsonObject()
                        .put("meeting_id", "physics-live")
                        .put("record_id", "rec-1700000000000");
        String form =
                "signed_parameters="
                        + URLEncoder.encode(Hmac.jwt(claims, BBB_SECRET), StandardCharsets.UTF_8);
        var response =
                service.http.send(
                        "POST",
                        "/api/v1/webhooks/bigbluebutton",
                        null,
                        form.getBytes(StandardCharsets.UTF_8),
                        Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        UUID lecture = UUID.fromString(new JsonObject(response.body()).getString("lectureId"));

        assertThat(service.awaitStatusLeaves(lecture, "uploading")).isEqualTo("queued");
        assertThat(tracks(lecture))
                .extracting(r -> r.getString("language") + "/" + r.getString("label"))
                .containsExactlyInAnyOrder("en/English", "de/Deutsch");
        assertThat(tracks(lecture).stream().filter(r -> r.getBoolean("is_default")).count())
                .isEqualTo(1);
        var store = new PgCaptionStore(service.infra().pool);
        var imports = new CaptionImports(store, new CaptionFiles(store, service.infra().store));
        assertThat(
                        Blocking.await(
                                imports.add(
                                        lecture,
                                        "en",
                                        "English",
                                        List.of(new Cue(0, 1, "", "again")))))
                .as("a retried import")
                .isEmpty();
        assertThat(tracks(lecture)).hasSize(2);
    }

    private static List<Row> tracks(UUID lecture) {
        List<Row> rows = new java.util.ArrayList<>();
        service.sql(
                        "SELECT origin, label, language, published, is_default, cue_count"
                                + " FROM captions WHERE lecture_id = $1 ORDER BY created_at",
                        lecture)
                .forEach(rows::add);
        return rows;
    }

    private static JsonObject file(String type, String path) {
        return new JsonObject()
                .put("id", type)
                .put("file_type", type)
                .put("recording_type", "shared_screen_with_speaker_view")
                .put("status", "completed")
                .put("download_url", base() + path);
    }
}
