package dev.lectern.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.catalog.StorageKeys;
import dev.lectern.catalog.media.MediaAccess;
import dev.lectern.catalog.media.MediaTokens;
import dev.lectern.infra.auth.Identity;
import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestHttp;
import dev.lectern.testkit.TestMedia;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Playback and signed media delivery")
class PlaybackTest {
    private static final Pattern URI_ATTRIBUTE = Pattern.compile("URI=\"([^\"]*)\"");
    private static RunningLectern app;
    private static String student;
    private static String admin;
    private static String teacher;
    private static String course;
    private static UUID lecture;
    private static UUID otherLecture;
    private static Path media;

    @BeforeAll
    static void start() throws IOException {
        app = new RunningLectern();
        admin = app.adminToken("root");
        teacher = app.token("tina");
        student = app.token("sam");
        course = app.createCourse(admin, "PLAY", "Play");
        app.addMember(admin, course, "tina", "teacher");
        app.addMember(admin, course, "sam", "student");
        lecture = app.createLecture(teacher, course, "Waves", "published");
        otherLecture = app.createLecture(teacher, course, "Other", "published");

        media = TestDirs.create("hls");
        Path rendition = Files.createDirectories(media.resolve("360p"));
        TestMedia.ffmpeg(
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        "testsrc2=size=320x180:rate=25",
                        "-f",
                        "lavfi",
                        "-i",
                        "sine=frequency=440:sample_rate=48000",
                        "-t",
                        "3",
                        "-c:v",
                        "libx264",
                        "-preset",
                        "ultrafast",
                        "-g",
                        "25",
                        "-pix_fmt",
                        "yuv420p",
                        "-c:a",
                        "aac",
                        "-b:a",
                        "64k",
                        "-shortest",
                        "-f",
                        "hls",
                        "-hls_time",
                        "1",
                        "-hls_segment_type",
                        "fmp4",
                        "-hls_playlist_type",
                        "vod",
                        "-hls_fmp4_init_filename",
                        "init.mp4",
                        "-hls_segment_filename",
                        rendition.resolve("seg_%03d.m4s").toString(),
                        rendition.resolve("index.m3u8").toString()));
        Files.writeString(
                media.resolve("master.m3u8"),
                "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n"
                        + "#EXT-X-STREAM-INF:BANDWIDTH=400000,RESOLUTION=320x180,CODECS=\"avc1.64000d,mp4a.40.2\"\n360p/index.m3u8\n");
        Path downloads = Files.createDirectories(media.resolve("download"));
        TestMedia.videoWithTone(downloads, "lecture.mp4", 320, 180, 25, 2);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(media)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            String key =
                    StorageKeys.versionPrefix(lecture, 1)
                            + media.relativize(file).toString().replace('\\', '/');
            Blocking.await(app.infra().store.put(key, file, "application/octet-stream"));
        }
        Blocking.await(
                app.infra()
                        .store
                        .put(
                                StorageKeys.source(lecture),
                                media.resolve("download/lecture.mp4"),
                                "video/mp4"));
        app.sql(
                "UPDATE lectures SET status = 'ready', last_version = 1, published_version = 1, duration_seconds = 3,"
                        + " renditions = $2 WHERE id = $1",
                lecture,
                Renditions.json());
        app.sql(
                "UPDATE lectures SET status = 'ready', last_version = 1, published_version = 1,"
                        + " renditions = $2 WHERE id = $1",
                otherLecture,
                Renditions.json());
        var caption =
                app.http.send(
                        "POST",
                        "/api/v1/lectures/" + lecture + "/captions?language=en&default=true",
                        teacher,
                        "WEBVTT\n\n00:00.500 --> 00:02.000\nHello waves\n"
                                .getBytes(StandardCharsets.UTF_8),
                        Map.of());
        assertEquals(201, caption.status(), caption.body());
        app.call(
                "PUT",
                "/api/v1/lectures/" + lecture + "/progress",
                student,
                new JsonObject().put("positionSeconds", 1.5),
                204);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static JsonObject playback() {
        return app.call("GET", "/api/v1/lectures/" + lecture + "/playback", student, null, 200);
    }

    private static String withoutToken(String url) {
        return url.replaceAll("[?&]token=[^&#]*", "");
    }

    @Test
    @DisplayName(
            "the playback response has HLS, DASH, captions, thumbnails, poster, downloads and the resume position")
    void playbackResponse() {
        JsonObject body = playback();
        assertTrue(body.getString("hls").contains("/media/" + lecture + "/v1/master.m3u8?token="));
        assertTrue(
                body.getString("dash").endsWith("manifest.mpd?token=" + body.getString("token")));
        assertEquals(1.5, body.getDouble("resumeSeconds"));
        assertEquals(1, body.getJsonArray("captions").size());
        assertEquals(
                3, body.getJsonArray("downloads").size(), "video, audio and the captions' sidecar");
        assertTrue(
                body.getJsonObject("thumbnails")
                        .getString("sprite")
                        .contains("thumbs/sprite.jpg?token="));
        assertEquals(
                "360p",
                body.getJsonObject("renditions")
                        .getJsonArray("video")
                        .getJsonObject(0)
                        .getString("id"));
    }

    @Test
    @DisplayName(
            "every URI in the rewritten master and media playlists is fetchable with the token and refused without it")
    void everyUriCarriesTheToken() {
        String master = playback().getString("hls");
        TestHttp.Response response = app.http.get(master, null);
        assertEquals(200, response.status());
        assertEquals("application/vnd.apple.mpegurl", response.header("Content-Type"));
        assertTrue(response.header("Cache-Control").contains("max-age=60"));
        assertTrue(response.body().contains("#EXT-X-MEDIA:TYPE=SUBTITLES"), response.body());
        assertTrue(response.body().contains("SUBTITLES=\"subs\""));
        List<String> checked = new ArrayList<>();
        crawl(master, response.body(), checked);
        assertTrue(
                checked.size() >= 7,
                "master, variant, init, 3 segments, caption playlist and file: " + checked);
        assertEquals(403, app.http.get(withoutToken(master), null).status());
    }

    private static void crawl(String playlistUrl, String playlist, List<String> checked) {
        for (String uri : uris(playlist)) {
            assertTrue(uri.contains("token="), "URI without token: " + uri);
            String url = URI.create(playlistUrl).resolve(uri).toString();
            TestHttp.Response response = app.http.get(url, null);
            assertEquals(200, response.status(), url + " " + response.body());
            checked.add(url);
            assertEquals(
                    403, app.http.get(withoutToken(url), null).status(), "without token: " + url);
            if (url.contains(".m3u8")) {
                crawl(url, response.body(), checked);
            } else if (url.contains(".m4s")) {
                assertEquals(
                        "private, max-age=31536000, immutable", response.header("Cache-Control"));
            }
        }
    }

    private static List<String> uris(String playlist) {
        List<String> uris = new ArrayList<>();
        for (String line : playlist.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                Matcher m = URI_ATTRIBUTE.matcher(line);
                while (m.find()) {
                    uris.add(m.group(1));
                }
            } else {
                uris.add(line.strip());
            }
        }
        return uris;
    }

    @Test
    @DisplayName(
            "Range requests return exactly the requested bytes, with 206, Content-Range and 416 past the end")
    void ranges() throws IOException {
        byte[] file = Files.readAllBytes(media.resolve("download/lecture.mp4"));
        String url = playback().getJsonArray("downloads").getJsonObject(0).getString("url");
        TestHttp.Response middle =
                app.http.send("GET", url, null, null, Map.of("Range", "bytes=100-1123"));
        assertEquals(206, middle.status());
        assertEquals("bytes 100-1123/" + file.length, middle.header("Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(file, 100, 1124), middle.bytes());
        TestHttp.Response tail =
                app.http.send("GET", url, null, null, Map.of("Range", "bytes=-10"));
        assertArrayEquals(Arrays.copyOfRange(file, file.length - 10, file.length), tail.bytes());
        TestHttp.Response whole = app.http.get(url, null);
        assertEquals(200, whole.status());
        assertEquals("video/mp4", whole.header("Content-Type"));
        assertEquals("bytes", whole.header("Accept-Ranges"));
        assertArrayEquals(file, whole.bytes());
        TestHttp.Response beyond =
                app.http.send(
                        "GET", url, null, null, Map.of("Range", "bytes=" + file.length + "-"));
        assertEquals(416, beyond.status());
        assertEquals("bytes */" + file.length, beyond.header("Content-Range"));
    }

    @Test
    @DisplayName(
            "media URLs already issued stop working within seconds of removal from the course or unpublishing")
    void revocation() throws InterruptedException {
        app.addMember(admin, course, "riley", "student");
        String riley = app.token("riley");
        String rileys = masterUrl(riley, lecture);
        String sams = masterUrl(student, lecture);
        assertEquals(200, app.http.get(rileys, null).status());
        assertEquals(200, app.http.get(sams, null).status());

        app.call("DELETE", "/api/v1/courses/" + course + "/members/riley", admin, null, 204);
        assertTrue(
                secondsUntilRefused(rileys) <= MediaAccess.RECHECK.toSeconds() + 1,
                "a removed student's URLs end within the recheck");
        app.call(
                "PATCH",
                "/api/v1/lectures/" + lecture,
                teacher,
                new JsonObject().put("visibility", "draft"),
                200);
        try {
            assertTrue(
                    secondsUntilRefused(sams) <= MediaAccess.RECHECK.toSeconds() + 1,
                    "an unpublished lecture's URLs end within the recheck");
            assertEquals(
                    200,
                    app.http.get(masterUrl(teacher, lecture), null).status(),
                    "its teachers still watch the draft");
        } finally {
            app.call(
                    "PATCH",
                    "/api/v1/lectures/" + lecture,
                    teacher,
                    new JsonObject().put("visibility", "published"),
                    200);
        }
        assertTrue(
                secondsUntil(sams, 200) <= MediaAccess.RECHECK.toSeconds() + 1,
                "published again, watched again");
    }

    private static String masterUrl(String token, UUID lectureId) {
        return app.call("GET", "/api/v1/lectures/" + lectureId + "/playback", token, null, 200)
                .getString("hls");
    }

    private static double secondsUntilRefused(String url) throws InterruptedException {
        return secondsUntil(url, 403);
    }

    /** Polls a media URL until it answers {@code status}; fails the test after 15 s. */
    private static double secondsUntil(String url, int status) throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < Duration.ofSeconds(15).toNanos()) {
            int answer = app.http.get(url, null).status();
            if (answer == status) {
                return (System.nanoTime() - start) / 1e9;
            }
            assertTrue(answer == 200 || answer == 403, "answered " + answer);
            Thread.sleep(250);
        }
        throw new AssertionError(url + " does not answer " + status + " after 15 s");
    }

    @Test
    @DisplayName(
            "expired, tampered and other-lecture tokens get 403; the source and other paths are unreachable")
    void refusals() {
        String token = playback().getString("token");
        String base = app.http.baseUrl() + "/media/" + lecture + "/v1/master.m3u8?token=";
        String expired =
                Blocking.await(
                        new MediaTokens(app.infra().pool)
                                .issue(
                                        new Identity("sam", "sam", false),
                                        lecture,
                                        Instant.now().minus(Duration.ofHours(7))));
        assertEquals(403, app.http.get(base + expired, null).status());
        assertEquals(
                403,
                app.http.get(base + token.substring(0, token.length() - 2) + "AA", null).status());
        String foreign =
                app.call(
                                "GET",
                                "/api/v1/lectures/" + otherLecture + "/playback",
                                student,
                                null,
                                200)
                        .getString("token");
        assertEquals(403, app.http.get(base + foreign, null).status());
        for (String path :
                List.of(
                        "source/original",
                        "v1/../source/original",
                        "v1/%2e%2e/source/original",
                        "v1//master.m3u8",
                        "../" + otherLecture + "/v1/master.m3u8")) {
            int status =
                    app.http
                            .get(
                                    app.http.baseUrl()
                                            + "/media/"
                                            + lecture
                                            + "/"
                                            + path
                                            + "?token="
                                            + token,
                                    null)
                            .status();
            assertTrue(
                    status == 404 || status == 403 || status == 400, path + " answered " + status);
        }
    }

    @Test
    @DisplayName("HEAD answers a download's and a playlist's headers without a body")
    void head() throws IOException {
        long size = Files.size(media.resolve("download/lecture.mp4"));
        JsonObject body = playback();
        String download = body.getJsonArray("downloads").getJsonObject(0).getString("url");
        TestHttp.Response file = app.http.send("HEAD", download, null, null, Map.of());
        assertEquals(200, file.status());
        assertEquals(Long.toString(size), file.header("Content-Length"));
        assertEquals("video/mp4", file.header("Content-Type"));
        assertEquals(0, file.bytes().length);
        TestHttp.Response master =
                app.http.send("HEAD", body.getString("hls"), null, null, Map.of());
        assertEquals(200, master.status());
        assertEquals("application/vnd.apple.mpegurl", master.header("Content-Type"));
        assertEquals(0, master.bytes().length);
        assertEquals(
                403, app.http.send("HEAD", withoutToken(download), null, null, Map.of()).status());
    }

    @Test
    @DisplayName("ffmpeg plays the HLS URL end to end")
    void ffmpegPlays() {
        String master = playback().getString("hls");
        TestMedia.ffmpeg(List.of("-v", "error", "-i", master, "-map", "0:v:0", "-f", "null", "-"));
    }
}
