package dev.lectern.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestMedia;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The pages in headless Chromium against the whole service: a teacher uploads a lecture through
 * the page across a dropped connection and watches it become ready; a student finds it by a word
 * of its captions, plays it in data-saver mode, changes speed and captions, and resumes after a
 * reload; a student of another course cannot reach it.
 */
@DisplayName("Web pages in a real browser")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebPagesBrowserTest {
    private static final String CAPTION_WORD = "chlorophyll";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private static RunningLectern app;
    private static Browser browser;
    private static String base;
    private static String course;
    private static String teacher;
    private static String student;
    private static String outsider;
    private static String lectureId;
    private static Path recording;
    private static Path captions;

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start();
        app = new RunningLectern();
        base = app.http.baseUrl();
        String admin = app.adminToken("root");
        course = app.createCourse(admin, "BIO101", "Plant biology");
        String otherCourse = app.createCourse(admin, "HIS201", "Medieval history");
        app.addMember(admin, course, "tina", "teacher");
        app.addMember(admin, course, "sam", "student");
        app.addMember(admin, otherCourse, "olga", "student");
        teacher = app.token("tina");
        student = app.token("sam");
        outsider = app.token("olga");

        Path dir = TestDirs.create("web-pages");
        // 854x480 gives a two-rung ladder (480p and 360p), so data-saver has a lower rung to pick.
        recording = TestMedia.videoWithTone(dir, "photosynthesis.mp4", 854, 480, 25, 8);
        captions = dir.resolve("photosynthesis.vtt");
        Files.writeString(
                captions,
                "WEBVTT\n\n00:00:00.500 --> 00:00:02.500\nLight reaches the leaf.\n\n"
                        + "00:00:03.000 --> 00:00:05.000\nThe "
                        + CAPTION_WORD
                        + " in the leaf absorbs it.\n\n"
                        + "00:00:05.500 --> 00:00:07.500\nSugar is made.\n");
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

    /** Follows a sign-in link (as `lectern serve` prints) and waits for that user's course list. */
    private static void signIn(String token, String user) {
        browser.open(base + "/#token=" + token);
        browser.waitUntil(
                "document.querySelector('#nav .who')?.textContent === '"
                        + user
                        + "' && document.title.startsWith('My courses')",
                Duration.ofSeconds(10));
    }

    @Test
    @Order(1)
    @DisplayName(
            "a teacher creates a lecture, uploads it across a dropped connection, adds captions and sees it become ready")
    void teacherUploads() throws Exception {
        signIn(teacher, "tina");
        browser.screenshots("courses");
        browser.find("a[href='#/course/" + course + "']").click();
        browser.find("#new-title").sendKeys("Photosynthesis");
        browser.find("form.card button[type=submit]").click();
        browser.waitUntil("location.hash.startsWith('#/lecture/')", Duration.ofSeconds(10));
        lectureId = ((String) browser.js("return location.hash")).substring("#/lecture/".length());

        // Small chunks over a slow link make the upload last long enough to cut it off midway.
        browser.js("localStorage.setItem('lectern.uploadChunkBytes', '32768')");
        ChromiumNetworkConditions slow = new ChromiumNetworkConditions();
        slow.setLatency(Duration.ofMillis(150));
        slow.setUploadThroughput(150 * 1024);
        slow.setDownloadThroughput(1024 * 1024);
        browser.driver.setNetworkConditions(slow);
        browser.find("#source-file").sendKeys(recording.toAbsolutePath().toString());
        browser.waitUntil(
                "document.querySelector('.upload progress')?.value > 15", Duration.ofSeconds(30));

        ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
        offline.setOffline(true);
        browser.driver.setNetworkConditions(offline);
        browser.waitUntil(
                "Number(document.querySelector('.upload')?.dataset.interruptions || 0) > 0",
                Duration.ofSeconds(20));
        double progressWhenCut = browser.number("document.querySelector('.upload progress').value");
        assertThat(progressWhenCut).isLessThan(100);
        browser.driver.deleteNetworkConditions();
        browser.waitUntil(
                "document.querySelector('.upload progress')?.value >= 100", Duration.ofSeconds(60));
        browser.screenshots("teacher-lecture");

        JsonObject stored = app.call("GET", "/api/v1/lectures/" + lectureId, teacher, null, 200);
        assertThat(stored.getJsonObject("source").getLong("size")).isEqualTo(Files.size(recording));

        browser.find("#caption-file").sendKeys(captions.toAbsolutePath().toString());
        browser.find("#caption-label").sendKeys("English");
        browser.find("#caption-file").submit();
        browser.waitUntil(
                "document.querySelector('#captions-h')?.parentElement.textContent.includes('3 cues')",
                Duration.ofSeconds(10));

        // Status updates arrive over server-sent events, without reloading the page.
        browser.waitUntil(
                "document.querySelector('#lecture-status [data-status]')?.dataset.status === 'ready'",
                READY_TIMEOUT);
        browser.screenshots("teacher-ready");
        browser.find("a[href='#/course/" + course + "']").click();
        browser.find("tr[data-lecture='" + lectureId + "'] [data-status='ready']");
        browser.screenshots("teacher-course");
    }

    @Test
    @Order(2)
    @DisplayName(
            "a student finds the lecture by a caption word, plays the lowest rung in data-saver mode, changes speed and captions, and resumes after a reload")
    void studentWatches() throws Exception {
        signIn(student, "sam");
        browser.find("a[href='#/course/" + course + "']").click();
        browser.find("a[href='#/watch/" + lectureId + "']");
        browser.screenshots("student-course");
        browser.find("#course-q").sendKeys(CAPTION_WORD);
        browser.find("form.search button").click();
        browser.find("a.hit");
        browser.screenshots("search");
        browser.find("a.hit").click();
        browser.waitUntil(
                "location.hash.startsWith('#/watch/" + lectureId + "?t=3')", Duration.ofSeconds(5));

        new Select(browser.find("#ctl-data-saver")).selectByValue("low");
        assertThat(browser.js("return localStorage.getItem('lectern.dataSaver')")).isEqualTo("low");
        // The choice is remembered: a fresh page (with no resource entries from the first player,
        // which fetched at full quality) starts in data-saver mode.
        browser.driver.navigate().refresh();
        browser.waitUntil(
                "window.lecternHls && window.lecternHls.levels.length > 1", Duration.ofSeconds(15));
        assertThat(new Select(browser.find("#ctl-data-saver")).getFirstSelectedOption().getText())
                .isEqualTo("Lowest quality");
        browser.js("document.querySelector('#video').play()");
        browser.waitUntil(
                "document.querySelector('#video').currentTime > 3.5", Duration.ofSeconds(20));

        @SuppressWarnings("unchecked")
        List<String> levelUrls =
                (List<String>)
                        browser.js("return window.lecternHls.levels.map(l => l.url[0] || l.url)");
        @SuppressWarnings("unchecked")
        List<Long> heights =
                (List<Long>) browser.js("return window.lecternHls.levels.map(l => l.height)");
        int lowest = heights.indexOf(heights.stream().min(Long::compare).orElseThrow());
        String lowestFolder = folder(levelUrls.get(lowest));
        @SuppressWarnings("unchecked")
        List<String> segments =
                (List<String>)
                        browser.js(
                                "return performance.getEntriesByType('resource').map(e => e.name)"
                                        + ".filter(n => n.split('?')[0].endsWith('.m4s'))");
        assertThat(browser.number("window.lecternHls.autoLevelCapping"))
                .as("adaptive bitrate may not climb above the lowest rung")
                .isEqualTo(lowest);
        assertThat(segments).anyMatch(s -> s.startsWith(lowestFolder));
        for (int i = 0; i < levelUrls.size(); i++) {
            if (i != lowest) {
                String higher = folder(levelUrls.get(i));
                assertThat(segments).noneMatch(s -> s.startsWith(higher));
            }
        }

        new Select(browser.find("#ctl-speed")).selectByValue("1.5");
        assertThat(browser.number("document.querySelector('#video').playbackRate")).isEqualTo(1.5);
        new Select(browser.find("#ctl-captions")).selectByValue("off");
        assertThat(browser.js("return document.querySelector('#video track').track.mode"))
                .isEqualTo("disabled");
        new Select(browser.find("#ctl-captions")).selectByVisibleText("English");
        assertThat(browser.js("return document.querySelector('#video track').track.mode"))
                .isEqualTo("showing");
        // Keyboard: "." on the focused seek bar is the faster-speed shortcut.
        browser.find("#player .seek").sendKeys(".");
        assertThat(browser.number("document.querySelector('#video').playbackRate")).isEqualTo(1.75);

        // Scrubbing shows a thumbnail cut from the sprite named by the thumbnails WebVTT.
        browser.js(
                "const s = document.querySelector('#player .seek'); const r = s.getBoundingClientRect();"
                        + " s.dispatchEvent(new PointerEvent('pointermove',"
                        + " {clientX: r.left + r.width / 2, clientY: r.top + 2, bubbles: true}));");
        browser.waitUntil(
                "!document.querySelector('#player .preview').hidden"
                        + " && document.querySelector('#player .preview-image').style.backgroundImage.includes('sprite')",
                Duration.ofSeconds(5));
        browser.screenshots("player");

        browser.js("const v = document.querySelector('#video'); v.pause(); v.currentTime = 5;");
        waitForSavedPosition(5);
        browser.js("location.hash = '#/watch/" + lectureId + "'");
        browser.driver.navigate().refresh();
        browser.waitUntil(
                "document.querySelector('#video')?.readyState >= 1", Duration.ofSeconds(15));
        browser.waitUntil(
                "Math.abs(document.querySelector('#video').currentTime - 5) < 1.5",
                Duration.ofSeconds(10));
    }

    @Test
    @Order(3)
    @DisplayName("a student of another course neither finds nor opens the lecture")
    void outsiderCannotSee() throws Exception {
        signIn(outsider, "olga");
        browser.find("a[href^='#/course/']");
        assertThat(
                        browser.driver.findElements(
                                org.openqa.selenium.By.cssSelector(
                                        "a[href='#/course/" + course + "']")))
                .isEmpty();
        browser.open(base + "/#/search?q=" + CAPTION_WORD);
        browser.waitUntil(
                "document.querySelector('main p.msg')?.textContent.startsWith('Nothing found')",
                Duration.ofSeconds(10));
        assertThat(browser.driver.findElements(org.openqa.selenium.By.cssSelector("a.hit")))
                .isEmpty();
        browser.screenshots("search-nothing");
        browser.open(base + "/#/watch/" + lectureId);
        browser.waitUntil(
                "document.querySelector('main h1')?.textContent === 'This lecture is not available'",
                Duration.ofSeconds(10));
        assertThat(browser.driver.findElements(org.openqa.selenium.By.cssSelector("video")))
                .isEmpty();
    }

    @Test
    @Order(4)
    @DisplayName("a teacher who uploads a file that is not media sees why it was rejected")
    void teacherSeesRejection() throws Exception {
        String rejected =
                app.call(
                                "POST",
                                "/api/v1/courses/" + course + "/lectures",
                                teacher,
                                new JsonObject().put("title", "Not a video"),
                                201)
                        .getString("id");
        Path notes = TestDirs.create("web-rejected").resolve("notes.mp4");
        Files.writeString(notes, "These are lecture notes, not a recording.\n".repeat(50));
        signIn(teacher, "tina");
        browser.open(base + "/#/lecture/" + rejected);
        browser.find("#source-file").sendKeys(notes.toAbsolutePath().toString());
        browser.waitUntil(
                "document.querySelector('#lecture-status [data-status]')?.dataset.status === 'rejected'",
                Duration.ofSeconds(30));
        String reason = browser.find("#lecture-status").getText();
        String stored =
                app.call("GET", "/api/v1/lectures/" + rejected, teacher, null, 200)
                        .getJsonObject("error")
                        .getString("message");
        assertThat(reason).startsWith("Rejected").contains(stored);
    }

    @Test
    @Order(5)
    @DisplayName("the teacher sees how far the student got")
    void teacherSeesCompletion() {
        signIn(teacher, "tina");
        browser.open(base + "/#/lecture/" + lectureId);
        browser.waitUntil(
                "[...document.querySelectorAll('#completion-h ~ table tbody th')]"
                        + ".some(th => th.textContent === 'sam')",
                Duration.ofSeconds(10));
        assertThat(browser.find("#completion-h + p").getText())
                .startsWith("1 of 1 students started");
    }

    private static String folder(String url) {
        String path = url.split("\\?")[0];
        return path.substring(0, path.lastIndexOf('/') + 1);
    }

    private static void waitForSavedPosition(double seconds) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        double saved = -1;
        while (System.currentTimeMillis() < deadline) {
            saved =
                    app.call(
                                    "GET",
                                    "/api/v1/lectures/" + lectureId + "/playback",
                                    student,
                                    null,
                                    200)
                            .getDouble("resumeSeconds", -1.0);
            if (Math.abs(saved - seconds) < 1) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the saved position stayed at " + saved);
    }
}
