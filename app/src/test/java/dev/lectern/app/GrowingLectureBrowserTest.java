package dev.lectern.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestMedia;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A student opens a lecture whose first encode is running (read at real time, so it takes as long
 * as it plays) in Chromium with the real hls.js: it starts at the beginning, keeps seeks inside
 * what is encoded, and plays on into the finished lecture on the same page.
 */
@DisplayName("A student watches a lecture while it is encoded")
class GrowingLectureBrowserTest {
    private static Browser browser;
    private static RunningLectern app;
    private static String student;
    private static UUID lecture;

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start();
        app = new RunningLectern(Map.of("LECTERN_TRANSCODE_MAX_SPEED", "1"));
        String admin = app.adminToken("root");
        String teacher = app.token("tara");
        student = app.token("sid");
        String course = app.createCourse(admin, "LIVE1", "Right now");
        app.addMember(admin, course, "tara", "teacher");
        app.addMember(admin, course, "sid", "student");
        lecture = app.createLecture(teacher, course, "Uploaded at 16:59", "published");
        Path source =
                TestMedia.videoWithTone(TestDirs.create("growing"), "now.mp4", 640, 360, 25, 24);
        app.upload(teacher, lecture, source);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    @DisplayName(
            "hls.js starts it at 0, refuses to seek past the encoded edge with a message, plays past the edge it started with and on into the finished lecture without a reload")
    void playsIntoTheFinishedLecture() throws Exception {
        JsonObject playback = awaitPlayable();
        double edgeAtStart = playback.getDouble("playableSeconds");
        browser.open(app.http.baseUrl() + "/#token=" + student);
        browser.waitUntil("document.querySelector('#nav .who')", Duration.ofSeconds(10));
        browser.open(app.http.baseUrl() + "/#/watch/" + lecture);
        browser.waitUntil(
                "window.lecternHls && document.querySelector('video')?.readyState >= 2",
                Duration.ofSeconds(20));
        assertThat(browser.find("#encoding-note").getText()).startsWith("Still processing");
        browser.js(
                "window.samePage = true; const v = document.querySelector('video');"
                        + " v.muted = true; v.play();");
        browser.waitUntil(
                "document.querySelector('video').currentTime > 0.5", Duration.ofSeconds(15));
        assertThat(browser.number("document.querySelector('video').currentTime"))
                .as("started at the beginning, not at the live edge")
                .isLessThan(4);

        browser.js("document.querySelector('video').currentTime = 23;");
        browser.waitUntil(
                "document.querySelector('#encoding-note').textContent.startsWith('Only the first')",
                Duration.ofSeconds(5));
        assertThat(browser.number("document.querySelector('video').currentTime"))
                .as("kept inside what is encoded")
                .isLessThan(23);
        browser.js("document.querySelector('video').currentTime = 1;");

        browser.waitUntil(
                "document.querySelector('video').currentTime > " + (edgeAtStart + 1),
                Duration.ofSeconds(40));
        assertThat(app.awaitSettled(lecture)).isEqualTo("ready");
        browser.waitUntil(
                "document.querySelector('#encoding-note').textContent === 'The whole lecture is ready.'",
                Duration.ofSeconds(20));
        browser.waitUntil(
                "window.lecternHls.levels.every(l => !l.details || l.details.live === false)",
                Duration.ofSeconds(20));
        browser.waitUntil(
                "document.querySelector('video').currentTime > 20", Duration.ofSeconds(30));
        assertThat(browser.js("return window.samePage === true")).as("no reload").isEqualTo(true);
        assertThat(browser.number("document.querySelector('video').duration")).isGreaterThan(23);
        browser.screenshots("growing-lecture");
    }

    /** Polls the student's playback answer until the lecture can be played (up to a minute). */
    private static JsonObject awaitPlayable() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            var answer = app.http.get("/api/v1/lectures/" + lecture + "/playback", student);
            if (answer.status() == 200) {
                return new JsonObject(answer.body());
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the lecture never became playable");
    }
}
