package dev.lectern.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.testkit.TestHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Recording webhooks")
class WebhookTest {
    static final String GENERIC_SECRET = "generic-secret";
    static final String ZOOM_SECRET = "zoom-secret";
    static final String BBB_SECRET = "bbb-secret";
    static final String ZOOM_MEETING = "85746065432";
    static final UUID ZOOM_COURSE = UUID.randomUUID();
    static final UUID BBB_COURSE = UUID.randomUUID();
    static final UUID GENERIC_COURSE = UUID.randomUUID();
    static RunningLectern service;

    @BeforeAll
    static void start() {
        // No job handlers: the lectures' import jobs stay queued, so their payloads can be read.
        service =
                new RunningLectern(
                        Map.of(
                                "LECTERN_WEBHOOK_GENERIC_SECRET", GENERIC_SECRET,
                                "LECTERN_ZOOM_WEBHOOK_SECRET", ZOOM_SECRET,
                                "LECTERN_ZOOM_COURSE_MAP", ZOOM_MEETING + ":" + ZOOM_COURSE,
                                "LECTERN_BBB_URL", "https://bbb.example.edu/",
                                "LECTERN_BBB_SECRET", BBB_SECRET),
                        (modules, main, background) -> {});
        for (UUID course : List.of(ZOOM_COURSE, BBB_COURSE, GENERIC_COURSE)) {
            service.sql(
                    "INSERT INTO courses (id, code, title) VALUES ($1, $2, 'Webinars')",
                    course,
                    course.toString().substring(0, 8));
        }
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }

    static TestHttp.Response post(String provider, String body, Map<String, String> headers) {
        return service.http.send(
                "POST",
                "/api/v1/webhooks/" + provider,
                null,
                body.getBytes(StandardCharsets.UTF_8),
                headers);
    }

    static String code(TestHttp.Response response) {
        return new JsonObject(response.body()).getString("code");
    }

    static JsonObject importJob(String lectureId) {
        return service.sql(
                        "SELECT payload FROM jobs WHERE lecture_id = $1::uuid AND kind = 'import'",
                        lectureId)
                .iterator()
                .next()
                .getJsonObject(0);
    }

    static long lecturesFor(String provider, String externalId) {
        return service.sql(
                        "SELECT count(*) FROM lectures l JOIN webinar_recordings w ON w.lecture_id = l.id"
                                + " WHERE w.provider = $1 AND w.external_id = $2",
                        provider,
                        externalId)
                .iterator()
                .next()
                .getLong(0);
    }

    static long lecturesIn(UUID course) {
        return service.sql("SELECT count(*) FROM lectures WHERE course_id = $1", course)
                .iterator()
                .next()
                .getLong(0);
    }

    /** Sends the same delivery from several threads at once; returns the lecture ids answered. */
    static Set<String> concurrently(Callable<TestHttp.Response> delivery) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<TestHttp.Response>> sent = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                sent.add(pool.submit(delivery));
            }
            Set<String> lectures = new HashSet<>();
            int created = 0;
            for (Future<TestHttp.Response> response : sent) {
                TestHttp.Response r = response.get();
                assertTrue(r.status() == 200 || r.status() == 201, r.status() + " " + r.body());
                created += r.status() == 201 ? 1 : 0;
                lectures.add(new JsonObject(r.body()).getString("lectureId"));
            }
            assertEquals(1, created, "exactly one delivery created the lecture");
            return lectures;
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- generic

    static Map<String, String> genericHeaders(String body, long t, String secret) throws Exception {
        return Map.of(
                "Content-Type",
                "application/json",
                "Lectern-Signature",
                "t=" + t + ",v1=" + Hmac.sha256Hex(secret, t + "." + body));
    }

    static String genericBody(String externalId) {
        return new JsonObject()
                .put("externalId", externalId)
                .put("courseId", GENERIC_COURSE.toString())
                .put("title", "Week 3: Entropy")
                .put("recordingUrl", "https://media.example.org/rec/" + externalId + ".mp4")
                .put("startedAt", "2026-11-20T09:00:00Z")
                .put("durationSeconds", 5400)
                .encode();
    }

    @Test
    @DisplayName(
            "generic: a signed delivery creates one lecture with an import job; a replay answers"
                    + " 200 with the same lecture")
    void genericCreatesOnce() throws Exception {
        String body = genericBody("gen-1");
        TestHttp.Response first =
                post("generic", body, genericHeaders(body, now(), GENERIC_SECRET));
        assertEquals(201, first.status(), first.body());
        String lecture = new JsonObject(first.body()).getString("lectureId");
        var row =
                service.sql(
                                "SELECT status, origin, title, duration_seconds FROM lectures WHERE id = $1::uuid",
                                lecture)
                        .iterator()
                        .next();
        assertEquals("uploading", row.getString("status"));
        assertEquals("webinar", row.getString("origin"));
        assertEquals("Week 3: Entropy", row.getString("title"));
        assertEquals(5400.0, row.getDouble("duration_seconds"));
        assertEquals(
                "https://media.example.org/rec/gen-1.mp4", importJob(lecture).getString("url"));

        TestHttp.Response replay =
                post("generic", body, genericHeaders(body, now(), GENERIC_SECRET));
        assertEquals(200, replay.status(), replay.body());
        assertEquals(lecture, new JsonObject(replay.body()).getString("lectureId"));
        assertEquals(1, lecturesFor("generic", "gen-1"));
    }

    @Test
    @DisplayName(
            "generic: a wrong signature, a stale timestamp and an unknown provider are refused;"
                    + " nothing is created")
    void genericRefusals() throws Exception {
        long before = lecturesIn(GENERIC_COURSE);
        String body = genericBody("gen-2");
        TestHttp.Response wrong =
                post("generic", body, genericHeaders(body, now(), "not-the-secret"));
        assertEquals(401, wrong.status());
        assertEquals("BAD_SIGNATURE", code(wrong));
        TestHttp.Response tampered =
                post(
                        "generic",
                        body.replace("Entropy", "Enthalpy"),
                        genericHeaders(body, now(), GENERIC_SECRET));
        assertEquals("BAD_SIGNATURE", code(tampered));
        TestHttp.Response stale =
                post("generic", body, genericHeaders(body, now() - 3600, GENERIC_SECRET));
        assertEquals(401, stale.status());
        assertEquals("STALE_TIMESTAMP", code(stale));
        TestHttp.Response unknown = post("teams", body, Map.of());
        assertEquals(404, unknown.status());
        assertEquals("UNKNOWN_PROVIDER", code(unknown));
        assertEquals(before, lecturesIn(GENERIC_COURSE));
    }

    @Test
    @DisplayName("generic: concurrent duplicate deliveries still make exactly one lecture")
    void genericConcurrent() throws Exception {
        String body = genericBody("gen-race");
        Set<String> lectures =
                concurrently(
                        () -> post("generic", body, genericHeaders(body, now(), GENERIC_SECRET)));
        assertEquals(1, lectures.size());
        assertEquals(1, lecturesFor("generic", "gen-race"));
    }

    // ---- zoom

    static Map<String, String> zoomHeaders(String body, long t, String secret) throws Exception {
        return Map.of(
                "Content-Type",
                "application/json",
                "x-zm-request-timestamp",
                Long.toString(t),
                "x-zm-signature",
                "v0=" + Hmac.sha256Hex(secret, "v0:" + t + ":" + body));
    }

    static JsonObject zoomFile(String id, String type, String view, long size) {
        return new JsonObject()
                .put("id", id)
                .put("file_type", type)
                .put("recording_type", view)
                .put("file_size", size)
                .put("status", "completed")
                .put("download_url", "https://zoom.example/rec/download/" + id);
    }

    static String zoomRecording(String uuid) {
        return new JsonObject()
                .put("event", "recording.completed")
                .put("event_ts", System.currentTimeMillis())
                .put("download_token", "dl-token-123")
                .put(
                        "payload",
                        new JsonObject()
                                .put(
                                        "object",
                                        new JsonObject()
                                                .put("uuid", uuid)
                                                .put("id", Long.parseLong(ZOOM_MEETING))
                                                .put("topic", "Thermodynamics live")
                                                .put("start_time", "2026-11-20T09:00:00Z")
                                                .put("duration", 50)
                                                .put(
                                                        "recording_files",
                                                        new JsonArray()
                                                                .add(
                                                                        zoomFile(
                                                                                "audio",
                                                                                "M4A",
                                                                                "audio_only",
                                                                                9_000_000))
                                                                .add(
                                                                        zoomFile(
                                                                                "speaker",
                                                                                "MP4",
                                                                                "active_speaker",
                                                                                80_000_000))
                                                                .add(
                                                                        zoomFile(
                                                                                "screen",
                                                                                "MP4",
                                                                                "shared_screen_with_speaker_view",
                                                                                50_000_000)))))
                .encode();
    }

    @Test
    @DisplayName("zoom: the url_validation challenge is answered with the HMAC of the plain token")
    void zoomChallenge() throws Exception {
        String body =
                new JsonObject()
                        .put("event", "endpoint.url_validation")
                        .put(
                                "payload",
                                new JsonObject().put("plainToken", "qgg8vlvZRS6UYooatFL8Aw"))
                        .encode();
        TestHttp.Response response = post("zoom", body, zoomHeaders(body, now(), ZOOM_SECRET));
        assertEquals(200, response.status(), response.body());
        JsonObject answer = new JsonObject(response.body());
        assertEquals("qgg8vlvZRS6UYooatFL8Aw", answer.getString("plainToken"));
        assertEquals(
                Hmac.sha256Hex(ZOOM_SECRET, "qgg8vlvZRS6UYooatFL8Aw"),
                answer.getString("encryptedToken"));
    }

    @Test
    @DisplayName(
            "zoom: recording.completed makes one lecture importing the shared-screen MP4 with the"
                    + " download token; replays and concurrent duplicates find it")
    void zoomRecording() throws Exception {
        String body = zoomRecording("Qx3uSX3Q/Ma7A0kPmtFmxg==");
        TestHttp.Response first = post("zoom", body, zoomHeaders(body, now(), ZOOM_SECRET));
        assertEquals(201, first.status(), first.body());
        String lecture = new JsonObject(first.body()).getString("lectureId");
        JsonObject job = importJob(lecture);
        assertEquals("https://zoom.example/rec/download/screen", job.getString("url"));
        assertEquals("Bearer dl-token-123", job.getJsonObject("secret").getString("authorization"));
        assertEquals(
                lecture,
                new JsonObject(post("zoom", body, zoomHeaders(body, now(), ZOOM_SECRET)).body())
                        .getString("lectureId"));

        String raced = zoomRecording("race/uuid==");
        assertEquals(
                1,
                concurrently(() -> post("zoom", raced, zoomHeaders(raced, now(), ZOOM_SECRET)))
                        .size());
        assertEquals(1, lecturesFor("zoom", "Qx3uSX3Q/Ma7A0kPmtFmxg=="));
        assertEquals(1, lecturesFor("zoom", "race/uuid=="));
        assertEquals(2, lecturesIn(ZOOM_COURSE));
    }

    @Test
    @DisplayName("zoom: a wrong signature or a stale timestamp is refused with 401")
    void zoomRefusals() throws Exception {
        String body = zoomRecording("refused-uuid");
        TestHttp.Response wrong = post("zoom", body, zoomHeaders(body, now(), "nope"));
        assertEquals(401, wrong.status());
        assertEquals("BAD_SIGNATURE", code(wrong));
        TestHttp.Response stale = post("zoom", body, zoomHeaders(body, now() - 600, ZOOM_SECRET));
        assertEquals(401, stale.status());
        assertEquals("STALE_TIMESTAMP", code(stale));
        assertEquals(0, lecturesFor("zoom", "refused-uuid"));
    }

    // ---- bigbluebutton

    static TestHttp.Response bbb(JsonObject claims, String secret) throws Exception {
        String form =
                "signed_parameters="
                        + URLEncoder.encode(Hmac.jwt(claims, secret), StandardCharsets.UTF_8);
        return post(
                "bigbluebutton", form, Map.of("Content-Type", "application/x-www-form-urlencoded"));
    }

    @Test
    @DisplayName(
            "bigbluebutton: a signed recording-ready callback makes one lecture in the course the"
                    + " meeting id names, importing the recording's media from the BBB server")
    void bbbRecording() throws Exception {
        String recordId = "183f0bf3a0982a127bdb8161e0c44eb696b3e75c-1700000000000";
        JsonObject claims =
                new JsonObject()
                        .put("meeting_id", BBB_COURSE + "-week3")
                        .put("record_id", recordId);
        TestHttp.Response first = bbb(claims, BBB_SECRET);
        assertEquals(201, first.status(), first.body());
        String lecture = new JsonObject(first.body()).getString("lectureId");
        assertEquals(
                "https://bbb.example.edu/presentation/" + recordId + "/video/webcams.webm",
                importJob(lecture).getString("url"));
        assertEquals(200, bbb(claims, BBB_SECRET).status());
        String raced = "race-1700000000001";
        JsonObject racedClaims = claims.copy().put("record_id", raced);
        assertEquals(1, concurrently(() -> bbb(racedClaims, BBB_SECRET)).size());
        assertEquals(1, lecturesFor("bigbluebutton", recordId));
        assertEquals(1, lecturesFor("bigbluebutton", raced));
        assertEquals(2, lecturesIn(BBB_COURSE));
    }

    @Test
    @DisplayName("bigbluebutton: a token signed with another secret or issued long ago is refused")
    void bbbRefusals() throws Exception {
        JsonObject claims =
                new JsonObject().put("meeting_id", BBB_COURSE.toString()).put("record_id", "bad-1");
        TestHttp.Response wrong = bbb(claims, "other-secret");
        assertEquals(401, wrong.status());
        assertEquals("BAD_SIGNATURE", code(wrong));
        TestHttp.Response stale = bbb(claims.copy().put("iat", now() - 3600), BBB_SECRET);
        assertEquals(401, stale.status());
        assertEquals("STALE_TIMESTAMP", code(stale));
        assertEquals(0, lecturesFor("bigbluebutton", "bad-1"));
    }
}
