package dev.lectern.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestHttp;
import dev.lectern.testkit.TestMedia;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A lecture's first encode, read at twice real time so the test can watch it: students play it while it
 * is encoded, from growing event playlists that only ever name stored segments and end with
 * {@code EXT-X-ENDLIST} under the same URLs.
 */
@DisplayName("A lecture plays while its first encode runs")
class ProgressivePublishingTest {
    private static final Pattern BANDWIDTH =
            Pattern.compile("#EXT-X-STREAM-INF:BANDWIDTH=(\\d+)[^\\n]*\\n([^\\n]+)");
    private static RunningLectern app;
    private static String teacher;
    private static String student;
    private static String course;
    private static Path source;

    @BeforeAll
    static void start() throws Exception {
        // One attempt, so an encode that crashes fails the lecture for good.
        app =
                new RunningLectern(
                        Map.of(
                                "LECTERN_TRANSCODE_MAX_SPEED",
                                "2",
                                "LECTERN_JOB_MAX_ATTEMPTS",
                                "1"));
        String admin = app.adminToken("root");
        teacher = app.token("tess");
        student = app.token("stan");
        course = app.createCourse(admin, "GROW", "Growing");
        app.addMember(admin, course, "tess", "teacher");
        app.addMember(admin, course, "stan", "student");
        source = TestMedia.videoWithTone(TestDirs.create("grow"), "class.mp4", 640, 360, 25, 20);
    }

    /** A new published lecture with the test's source uploaded; its encode starts at once. */
    private static UUID uploaded(String title) throws Exception {
        UUID lecture = app.createLecture(teacher, course, title, "published");
        app.upload(teacher, lecture, source);
        return lecture;
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    @DisplayName(
            "the playlists grow while it encodes, name only stored segments, keep their URLs and end with ENDLIST; the promised bandwidths hold; a future release time hides it")
    void growsThenEnds() throws Exception {
        UUID lecture = uploaded("Right before class");
        JsonObject early = awaitPlayable(lecture);
        assertThat(app.status(lecture)).as("still encoding").isEqualTo("processing");
        assertThat(early.getBoolean("complete")).isFalse();
        assertThat(early.getDouble("playableSeconds")).isPositive().isLessThan(20);
        JsonObject listed = app.call("GET", "/api/v1/lectures/" + lecture, student, null, 200);
        assertThat(listed.getBoolean("playable")).isTrue();
        assertThat(listed.getBoolean("complete")).isFalse();
        assertThat(listed.getBoolean("growing")).isTrue();

        JsonObject playback = playback(lecture, 200);
        assertThat(playback.getBoolean("complete")).isFalse();
        assertThat(playback.getBoolean("growing")).isTrue();
        assertThat(playback.containsKey("dash")).as("DASH waits for the end").isFalse();
        assertThat(playback.containsKey("poster")).isFalse();
        assertThat(playback.getJsonArray("downloads")).isEmpty();
        String earlyMaster = app.http.get(playback.getString("hls"), null).body();
        Map<String, Long> promised = bandwidths(earlyMaster);
        assertThat(promised).isNotEmpty();
        String media = resolve(playback.getString("hls"), firstVariant(earlyMaster));

        TestHttp.Response first = app.http.get(media, null);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Cache-Control")).isEqualTo("private, no-cache");
        assertThat(first.body())
                .contains("#EXT-X-PLAYLIST-TYPE:EVENT", "#EXT-X-TARGETDURATION:6")
                .doesNotContain("#EXT-X-ENDLIST");
        List<String> firstSegments = segments(first.body());
        assertThat(firstSegments).isNotEmpty();
        for (String segment : firstSegments) {
            assertThat(app.http.get(resolve(media, segment), null).status())
                    .as("a listed segment is stored: " + segment)
                    .isEqualTo(200);
        }

        // Released later: the part already encoded must not be served before its time.
        app.call(
                "PATCH",
                "/api/v1/lectures/" + lecture,
                teacher,
                new JsonObject()
                        .put("visibility", "scheduled")
                        .put("availableFrom", "2099-01-01T08:00:00Z"),
                200);
        playback(lecture, 404);
        app.call(
                "PATCH",
                "/api/v1/lectures/" + lecture,
                teacher,
                new JsonObject().put("visibility", "published"),
                200);

        List<String> grown = firstSegments;
        long deadline = System.currentTimeMillis() + 60_000;
        while (grown.size() == firstSegments.size() && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
            grown = segments(app.http.get(media, null).body());
        }
        assertThat(grown).as("the playlist grew").hasSizeGreaterThan(firstSegments.size());
        assertThat(grown.subList(0, firstSegments.size())).isEqualTo(firstSegments);

        assertThat(app.awaitSettled(lecture)).isEqualTo("ready");
        JsonObject done = playback(lecture, 200);
        assertThat(done.getBoolean("complete")).isTrue();
        assertThat(done.getBoolean("growing")).isFalse();
        assertThat(done.getInteger("version")).isEqualTo(playback.getInteger("version"));
        assertThat(done.getString("dash")).isNotNull();
        TestHttp.Response last = app.http.get(media, null);
        assertThat(last.body()).contains("#EXT-X-TARGETDURATION:6", "#EXT-X-ENDLIST");
        assertThat(last.header("Cache-Control")).contains("max-age=60");
        List<String> all = segments(last.body());
        assertThat(all.subList(0, grown.size())).isEqualTo(grown);
        for (String segment : all) {
            assertThat(app.http.get(resolve(media, segment), null).status()).isEqualTo(200);
        }
        Map<String, Long> measured = bandwidths(app.http.get(done.getString("hls"), null).body());
        assertThat(measured.keySet()).isEqualTo(promised.keySet());
        measured.forEach(
                (variant, peak) ->
                        assertThat(peak)
                                .as("measured peak of " + variant + " within its promise")
                                .isLessThanOrEqualTo(promised.get(variant)));
        System.out.printf("promised %s, measured %s%n", promised, measured);
    }

    @Test
    @DisplayName(
            "when its encode crashes for good, the part stored stays playable, ended and marked incomplete, until the teacher processes it again")
    void failedEncodeKeepsWhatWasStored() throws Exception {
        UUID lecture = uploaded("Crashes halfway");
        awaitPlayable(lecture);
        String media = firstVariant(playback(lecture, 200));
        List<ProcessHandle> encoders =
                ProcessHandle.current()
                        .descendants()
                        .filter(p -> p.info().command().orElse("").endsWith("ffmpeg"))
                        .toList();
        assertThat(encoders).as("the encode, running").isNotEmpty();
        encoders.forEach(ProcessHandle::destroyForcibly);

        assertThat(app.awaitSettled(lecture)).isEqualTo("failed");
        JsonObject listed = app.call("GET", "/api/v1/lectures/" + lecture, student, null, 200);
        assertThat(listed.getBoolean("playable")).isTrue();
        assertThat(listed.getBoolean("complete")).isFalse();
        assertThat(listed.getBoolean("growing")).isFalse();
        JsonObject incomplete = playback(lecture, 200);
        assertThat(incomplete.getBoolean("complete")).isFalse();
        assertThat(incomplete.getBoolean("growing")).isFalse();
        String sealed = app.http.get(media, null).body();
        assertThat(sealed).as("ended with what was stored").contains("#EXT-X-ENDLIST");
        for (String segment : segments(sealed)) {
            assertThat(app.http.get(resolve(media, segment), null).status()).isEqualTo(200);
        }

        app.call("POST", "/api/v1/lectures/" + lecture + "/reprocess", teacher, null, 202);
        assertThat(app.awaitStatus(lecture, "ready"::equals, 120)).isEqualTo("ready");
        JsonObject whole = playback(lecture, 200);
        assertThat(whole.getBoolean("complete")).isTrue();
        assertThat(whole.getInteger("version")).isGreaterThan(incomplete.getInteger("version"));
        // Deleted just after the publishing UPDATE, which the test may see first.
        long deadline = System.currentTimeMillis() + 10_000;
        while (app.http.get(media, null).status() != 404 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(app.http.get(media, null).status())
                .as("the incomplete version is deleted once the whole one is published")
                .isEqualTo(404);
    }

    @Test
    @DisplayName(
            "deleting a lecture students already watch while it encodes leaves nothing of it in the bucket")
    void deletedWhileEncoding() throws Exception {
        UUID lecture = uploaded("Deleted halfway");
        awaitPlayable(lecture);
        app.call("DELETE", "/api/v1/lectures/" + lecture, teacher, null, 204);
        String prefix = "lectures/" + lecture + "/";
        // The encode stops a moment after the row is gone; nothing may land after that.
        long deadline = System.currentTimeMillis() + 20_000;
        long emptySince = -1;
        while (System.currentTimeMillis() < deadline) {
            boolean empty = Blocking.await(app.infra().store.list(prefix)).isEmpty();
            if (!empty) {
                emptySince = -1;
            } else if (emptySince < 0) {
                emptySince = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - emptySince > 5_000
                    && ProcessHandle.current()
                            .descendants()
                            .noneMatch(p -> p.info().command().orElse("").endsWith("ffmpeg"))) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(Blocking.await(app.infra().store.list(prefix))).isEmpty();
    }

    /** Polls the student's view until the lecture says it can be played (up to a minute). */
    private static JsonObject awaitPlayable(UUID lecture) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        JsonObject seen = new JsonObject();
        while (System.currentTimeMillis() < deadline) {
            seen = new JsonObject(app.http.get("/api/v1/lectures/" + lecture, teacher).body());
            if (seen.getBoolean("playable", false)) {
                return seen;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("never playable: " + seen.encode());
    }

    private static JsonObject playback(UUID lecture, int status) {
        return app.call("GET", "/api/v1/lectures/" + lecture + "/playback", student, null, status);
    }

    /** The first variant's media playlist URL of a playback answer's master. */
    private static String firstVariant(JsonObject playback) {
        String master = playback.getString("hls");
        return resolve(master, firstVariant(app.http.get(master, null).body()));
    }

    /** BANDWIDTH by variant URI (token left out) of a master playlist. */
    private static Map<String, Long> bandwidths(String master) {
        Map<String, Long> found = new HashMap<>();
        Matcher m = BANDWIDTH.matcher(master);
        while (m.find()) {
            found.put(m.group(2).replaceAll("\\?.*", ""), Long.parseLong(m.group(1)));
        }
        return found;
    }

    private static String firstVariant(String master) {
        Matcher m = BANDWIDTH.matcher(master);
        assertThat(m.find()).as(master).isTrue();
        return m.group(2);
    }

    private static List<String> segments(String playlist) {
        List<String> segments = new ArrayList<>();
        for (String line : playlist.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                segments.add(line);
            }
        }
        return segments;
    }

    /** A URI from a playlist, relative to the playlist's own URL. */
    private static String resolve(String base, String relative) {
        return java.net.URI.create(base).resolve(relative).toString();
    }
}
