package dev.lectern.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.catalog.StorageKeys;
import dev.lectern.catalog.slide.PgAutomaticChapters;
import dev.lectern.catalog.slide.Slide;
import dev.lectern.catalog.slide.SlideReading;
import dev.lectern.infra.jobs.JobQueue;
import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The chapter pages in headless Chromium against the whole service: a lecture transcoded by the
 * real worker is given three slides through the catalog's port (as slide detection gives them),
 * a student steps through them in the player and finds one by a word on it, and a teacher renames
 * one for the student to see.
 */
@DisplayName("Chapter pages in a real browser")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChapterPagesBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final List<String> TITLES = List.of("Why sort?", "Merge sort", "Quicksort");
    private static final double[] STARTS = {0, 3, 6};

    /** A word only the second slide shows: not in the title, description or any caption. */
    private static final String SLIDE_WORD = "interleave";

    private static final String RENAMED = "Merge sort, step by step";

    private static RunningLectern app;
    private static Browser browser;
    private static String base;
    private static String teacher;
    private static String student;
    private static UUID lecture;

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start();
        app = new RunningLectern();
        base = app.http.baseUrl();
        String admin = app.adminToken("root");
        String course = app.createCourse(admin, "CS201", "Algorithms");
        app.addMember(admin, course, "tina", "teacher");
        app.addMember(admin, course, "sam", "student");
        teacher = app.token("tina");
        student = app.token("sam");
        lecture = app.createLecture(teacher, course, "Sorting", "published");
        Path clip =
                TestMedia.videoWithTone(
                        TestDirs.create("chapter-pages"), "deck.mp4", 320, 180, 25, 9);
        app.process(lecture, clip, 9);
        publishSlides(clip);
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

    /**
     * Three slides of three seconds as slide detection publishes them, each with a picture taken
     * from the clip at its moment and stored where the slides job keeps them.
     */
    private static void publishSlides(Path clip) throws Exception {
        int version =
                app.sql("SELECT published_version FROM lectures WHERE id = $1", lecture)
                        .iterator()
                        .next()
                        .getInteger(0);
        List<Slide> slides = new ArrayList<>();
        for (int i = 0; i < TITLES.size(); i++) {
            int number = i + 1;
            // Named as the slides job names them (number and a hash), which media delivery checks.
            String picture = String.format("slides/%d-%08x.jpg", number, 0xc0ffee00 + number);
            Path jpeg = clip.resolveSibling("slide-" + number + ".jpg");
            TestMedia.ffmpeg(
                    List.of(
                            "-y",
                            "-ss",
                            String.valueOf(STARTS[i] + 1),
                            "-i",
                            clip.toString(),
                            "-frames:v",
                            "1",
                            jpeg.toString()));
            Blocking.await(
                    app.infra()
                            .store
                            .put(StorageKeys.lecturePrefix(lecture) + picture, jpeg, "image/jpeg"));
            String body =
                    number == 2
                            ? "Split the list, sort both halves, then "
                                    + SLIDE_WORD
                                    + " them in order."
                            : "Sorted data is searched in log n steps.";
            slides.add(
                    new Slide(
                            number,
                            TITLES.get(i),
                            TITLES.get(i) + "\n" + body,
                            List.of(new Slide.Appearance(STARTS[i], STARTS[i] + 3, List.of())),
                            picture));
        }
        var pool = app.infra().pool;
        var automatic =
                new PgAutomaticChapters(pool, new JobQueue(pool, 3), new SlideReading(true, true));
        assertThat(Blocking.await(automatic.publish(lecture, version, slides))).isTrue();
    }

    private static void signIn(String token, String user) {
        browser.open(base + "/#token=" + token);
        browser.waitUntil(
                "document.querySelector('#nav .who')?.textContent === '"
                        + user
                        + "' && document.title.startsWith('My courses')",
                Duration.ofSeconds(10));
    }

    private static double currentTime() {
        return browser.number("document.querySelector('#video').currentTime");
    }

    private static void waitForTime(double seconds) {
        browser.waitUntil(
                "Math.abs(document.querySelector('#video')?.currentTime - " + seconds + ") < 0.2",
                WAIT);
    }

    private static void waitForCurrentChapter(int index) {
        browser.waitUntil(
                "document.querySelector('#chapters .chapter[aria-current]')?.dataset.index === '"
                        + index
                        + "'",
                WAIT);
    }

    @Test
    @Order(1)
    @DisplayName(
            "a student sees the slides as chapters with their pictures and marks on the seek bar,"
                    + " jumps to one with a click, and steps with PageDown and PageUp")
    void studentStepsThroughSlides() throws Exception {
        signIn(student, "sam");
        browser.open(base + "/#/watch/" + lecture);
        browser.waitUntil("document.querySelectorAll('#chapters .chapter').length === 3", WAIT);
        assertThat(
                        (List<?>)
                                browser.js(
                                        "return [...document.querySelectorAll('#chapters .chapter-title')]"
                                                + ".map(t => t.textContent)"))
                .isEqualTo(TITLES);
        browser.waitUntil(
                "[...document.querySelectorAll('#chapters .chapter-thumb')]"
                        + ".every(i => i.complete && i.naturalWidth > 0)",
                WAIT);
        browser.waitUntil("document.querySelector('#video').readyState >= 1", WAIT);
        browser.waitUntil("document.querySelectorAll('#player .chapter-mark').length === 2", WAIT);

        browser.find("#chapters .chapter[data-index='1']").click();
        waitForTime(3);
        waitForCurrentChapter(1);
        assertThat(browser.find("#player .seek").getAttribute("aria-valuetext"))
                .endsWith(", Merge sort");

        browser.find("#player").sendKeys(Keys.PAGE_DOWN);
        waitForTime(6);
        waitForCurrentChapter(2);
        browser.waitUntil(
                "document.querySelector('#announcer').textContent === 'Chapter 3 of 3: Quicksort'",
                WAIT);
        browser.find("#player").sendKeys(Keys.PAGE_DOWN);
        Thread.sleep(200);
        assertThat(currentTime()).as("the last chapter has no next one").isCloseTo(6, within());
        browser.find("#player").sendKeys(Keys.PAGE_UP);
        waitForTime(3);
        browser.find("#player").sendKeys(Keys.PAGE_UP);
        waitForTime(0);
        waitForCurrentChapter(0);
        browser.screenshots("chapters-player");
    }

    @Test
    @Order(2)
    @DisplayName("a word on a slide finds the lecture, and the slide hit opens the player there")
    void slideTextSearch() throws Exception {
        signIn(student, "sam");
        browser.open(base + "/#/search?q=" + SLIDE_WORD);
        String hit = ".slide-hit[data-slide='2']";
        assertThat(browser.find(hit).getText())
                .contains("Slide 2: Merge sort")
                .contains("shown at 0:03");
        assertThat(browser.find(hit + " mark").getText()).isEqualTo(SLIDE_WORD);
        browser.waitUntil("document.querySelector(\"" + hit + " img\")?.naturalWidth > 0", WAIT);
        browser.screenshots("search-slides");

        browser.find(hit).click();
        browser.waitUntil("location.hash === '#/watch/" + lecture + "?t=3'", WAIT);
        waitForTime(3);
        waitForCurrentChapter(1);
    }

    @Test
    @Order(3)
    @DisplayName(
            "a teacher sees where each chapter came from, gets a bad time refused next to it,"
                    + " renames a slide's chapter, and the student's player shows the new title")
    void teacherRenames() throws Exception {
        signIn(teacher, "tina");
        browser.open(base + "/#/lecture/" + lecture);
        browser.waitUntil(
                "document.querySelectorAll('#chapters-card .chapter-row').length === 3", WAIT);
        String row = "#chapters-card .chapter-row:nth-child(2) ";
        assertThat(browser.find(row).getText())
                .contains("2. Merge sort")
                .contains("0:03 · from slides (slide 2)");
        assertThat(browser.find("#slide-status").getText()).contains("3 slides found");
        assertThat(browser.find("#use-slide-chapters").isDisplayed())
                .as("the chapters are still the slides'")
                .isFalse();

        browser.find(row + "[data-action=edit]").click();
        browser.waitUntil(
                "document.activeElement.matches(\"" + row + "input[data-action=title]\")", WAIT);
        assertThat(
                        (List<?>)
                                browser.js(
                                        "return [...document.querySelectorAll('#chapters-card input')]"
                                                + ".filter(c => c.labels.length === 0).map(c => c.outerHTML)"))
                .as("every field of the chapter card has a label")
                .isEmpty();
        browser.find(row + "input.chapter-time").sendKeys(Keys.chord(Keys.CONTROL, "a"), "3 s");
        browser.find(row + "input.chapter-time").sendKeys(Keys.ENTER);
        browser.waitUntil("!document.querySelector(\"" + row + ".field-error\").hidden", WAIT);
        assertThat(browser.find(row + "input.chapter-time").getAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(browser.js("return document.activeElement.classList.contains('chapter-time')"))
                .isEqualTo(true);

        browser.find(row + "input.chapter-time").sendKeys(Keys.chord(Keys.CONTROL, "a"), "0:03.0");
        browser.find(row + "input[data-action=title]")
                .sendKeys(Keys.chord(Keys.CONTROL, "a"), RENAMED, Keys.ENTER);
        browser.waitUntil(
                "document.querySelector(\""
                        + row
                        + ".chapter-name\")?.textContent === '2. "
                        + RENAMED
                        + "' && document.activeElement.matches(\""
                        + row
                        + "[data-action=edit]\")",
                WAIT);
        assertThat(browser.find(row).getText()).contains("0:03 · yours");
        browser.waitUntil(
                "document.querySelector('#use-slide-chapters').offsetParent !== null", WAIT);
        cardScreenshots("chapters-teacher");

        signIn(student, "sam");
        browser.open(base + "/#/watch/" + lecture);
        browser.waitUntil(
                "document.querySelector(\"#chapters .chapter[data-index='1'] .chapter-title\")"
                        + "?.textContent === '"
                        + RENAMED
                        + "'",
                WAIT);
    }

    @Test
    @Order(4)
    @DisplayName(
            "a teacher adds a chapter, merges one into the one before, and goes back to the"
                    + " slides' chapters after confirming")
    void teacherAddsMergesAndTakesSlidesBack() {
        signIn(teacher, "tina");
        browser.open(base + "/#/lecture/" + lecture);
        String rows = "document.querySelectorAll('#chapters-card .chapter-row')";
        browser.waitUntil(rows + ".length === 3", WAIT);

        // The video unfolds on demand; "Use the current time" takes its position.
        assertThat(browser.find("#new-chapter-start + [data-needs-video]").isDisplayed()).isFalse();
        browser.find(".chapter-preview summary").click();
        browser.waitUntil("document.querySelector('#chapter-video').readyState >= 1", WAIT);
        browser.js("document.querySelector('#chapter-video').currentTime = 7.5");
        browser.find("#new-chapter-start + [data-needs-video]").click();
        assertThat(browser.find("#new-chapter-start").getDomProperty("value")).isEqualTo("0:07.5");
        browser.find("#new-chapter-title").sendKeys("Summary", Keys.ENTER);
        String last = "#chapters-card .chapter-row:nth-child(4) ";
        browser.waitUntil(
                "document.querySelector('"
                        + last
                        + ".chapter-name')?.textContent === '4. Summary'"
                        + " && document.activeElement.matches('"
                        + last
                        + "[data-action=edit]')",
                WAIT);
        assertThat(browser.find(last).getText()).contains("0:07 · yours");

        browser.find(last + "[data-action=merge]").click();
        browser.waitUntil(
                rows
                        + ".length === 3 && document.activeElement.matches("
                        + "'#chapters-card .chapter-row:nth-child(3) [data-action=edit]')",
                WAIT);
        assertThat(browser.js("return document.querySelector('#announcer').textContent"))
                .isEqualTo("Chapter 4 merged into chapter 3, Quicksort");

        browser.find("#use-slide-chapters").click();
        browser.waitFor(ExpectedConditions.alertIsPresent(), WAIT).accept();
        browser.waitUntil(
                "[...document.querySelectorAll('#chapters-card .chapter-name')].map(n => n.textContent)"
                        + ".join('|') === '1. Why sort?|2. Merge sort|3. Quicksort'"
                        + " && document.activeElement.matches("
                        + "'#chapters-card .chapter-row:nth-child(1) [data-action=edit]')",
                WAIT);
        assertThat(browser.find("#chapters-card .chapter-row:nth-child(2)").getText())
                .contains("from slides (slide 2)");
        assertThat(browser.find("#use-slide-chapters").isDisplayed()).isFalse();
    }

    /** The chapters card at phone and desktop widths (it is below the fold of the page). */
    private static void cardScreenshots(String name) throws Exception {
        Path folder = Files.createDirectories(Path.of("target", "screenshots"));
        for (var size :
                List.of(Map.entry("phone", Browser.PHONE), Map.entry("desktop", Browser.DESKTOP))) {
            browser.driver.manage().window().setSize(size.getValue());
            browser.js("document.querySelector('#chapters-card').scrollIntoView()");
            Thread.sleep(400);
            Files.write(
                    folder.resolve(name + "-" + size.getKey() + ".png"),
                    browser.find("#chapters-card").getScreenshotAs(OutputType.BYTES));
        }
        browser.driver.manage().window().setSize(Browser.DESKTOP);
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(0.2);
    }
}
