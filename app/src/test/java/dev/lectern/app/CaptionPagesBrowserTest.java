package dev.lectern.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.catalog.caption.CaptionFiles;
import dev.lectern.catalog.caption.Cue;
import dev.lectern.catalog.caption.PgAutomaticCaptions;
import dev.lectern.catalog.caption.PgCaptionStore;
import dev.lectern.catalog.caption.Recognition;
import dev.lectern.infra.jobs.JobQueue;
import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestMedia;
import java.nio.file.Path;
import java.time.Duration;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The caption pages in headless Chromium against the whole service and a lecture transcoded by
 * the real worker: a teacher corrects and publishes an automatic draft in the caption editor, and
 * the student's player and transcript show the correction; the transcript follows playback and
 * seeks; the course glossary saves.
 */
@DisplayName("Caption pages in a real browser")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CaptionPagesBrowserTest {
    private static final String MISHEARD = "The chlorofil absorbs it.";
    private static final String CORRECTED = "The chlorophyll absorbs it.";
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static RunningLectern app;
    private static Browser browser;
    private static String base;
    private static String course;
    private static String teacher;
    private static String student;
    private static UUID lecture;
    private static String captionId;

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start();
        app = new RunningLectern();
        base = app.http.baseUrl();
        String admin = app.adminToken("root");
        course = app.createCourse(admin, "BIO102", "Plant biology");
        app.addMember(admin, course, "tina", "teacher");
        app.addMember(admin, course, "sam", "student");
        teacher = app.token("tina");
        student = app.token("sam");
        lecture = app.createLecture(teacher, course, "Photosynthesis", "published");
        Path clip =
                TestMedia.videoWithTone(
                        TestDirs.create("caption-pages"), "leaf.mp4", 320, 180, 25, 12);
        app.process(lecture, clip, 12);
        captionId = recognisedDraft();
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

    /** An automatic track as an engine that makes drafts publishes it, with one word misheard. */
    private static String recognisedDraft() {
        var pool = app.infra().pool;
        var automatic =
                new PgAutomaticCaptions(
                        pool,
                        new JobQueue(pool, 3),
                        new CaptionFiles(new PgCaptionStore(pool), app.infra().store),
                        Recognition.with("pocketsphinx", "cmusphinx-en-us", true));
        List<Cue> cues =
                List.of(
                        new Cue(0.5, 3.0, "", "Light reaches the leaf."),
                        new Cue(3.5, 6.0, "", MISHEARD),
                        new Cue(6.5, 9.0, "", "Sugar is made."),
                        new Cue(9.5, 11.5, "", "Oxygen leaves the leaf."));
        return Blocking.await(automatic.publish(lecture, "en", cues)).id().toString();
    }

    private static void signIn(String token, String user) {
        browser.open(base + "/#token=" + token);
        browser.waitUntil(
                "document.querySelector('#nav .who')?.textContent === '"
                        + user
                        + "' && document.title.startsWith('My courses')",
                Duration.ofSeconds(10));
    }

    private static String cueRow(int n) {
        return "dialog.editor .cue-rows > li:nth-child(" + n + ") ";
    }

    @Test
    @Order(1)
    @DisplayName(
            "a teacher corrects a word of the automatic draft in the caption editor, sees a bad time"
                    + " refused next to its cue, is warned before losing the edit, saves and publishes;"
                    + " the student's player then shows the corrected text")
    void teacherEditsAndStudentSees() throws Exception {
        signIn(teacher, "tina");
        browser.open(base + "/#/lecture/" + lecture);
        String track = "li[data-caption='" + captionId + "']";
        assertThat(browser.find(track).getText())
                .contains("English (automatic)")
                .contains("Automatic (pocketsphinx) — draft, not shown to students")
                .contains("4 cues · revision 1");
        assertThat(browser.find("#automatic-captions").getText())
                .as("this server runs no speech engine")
                .contains("Automatic captions: off");
        assertThat(browser.find("#recognise").isDisplayed()).isFalse();

        browser.find(track + " [data-action=edit]").click();
        browser.waitUntil(
                "document.querySelector('dialog.editor')?.open"
                        + " && document.querySelectorAll('dialog.editor .cue-row').length === 4",
                WAIT);
        assertThat(browser.js("return document.activeElement.id")).isEqualTo("editor-h");
        assertThat(
                        (List<?>)
                                browser.js(
                                        "return [...document.querySelectorAll('dialog.editor input, dialog.editor textarea')]"
                                                + ".filter(c => c.labels.length === 0).map(c => c.outerHTML)"))
                .as("every field of the editor has a label")
                .isEmpty();
        browser.screenshots("caption-editor");

        // "Go to cue 3" moves the video to where that cue starts.
        browser.waitUntil("document.querySelector('dialog.editor video').readyState >= 1", WAIT);
        browser.find(cueRow(3) + ".seek").click();
        browser.waitUntil(
                "Math.abs(document.querySelector('dialog.editor video').currentTime - 6.5) < 0.2",
                WAIT);

        browser.find(cueRow(2) + "textarea").sendKeys(Keys.chord(Keys.CONTROL, "a"), CORRECTED);
        browser.find(cueRow(1) + "input[id$=-end]")
                .sendKeys(Keys.chord(Keys.CONTROL, "a"), "0:00.2");
        browser.find("#editor-save").click();
        browser.waitUntil(
                "!document.querySelector(\"" + cueRow(1) + ".field-error\").hidden", WAIT);
        assertThat(browser.find(cueRow(1) + ".field-error").getText())
                .isEqualTo("Cue 1: must end after it starts");
        assertThat(browser.find(cueRow(1) + "input[id$=-end]").getAttribute("aria-invalid"))
                .isEqualTo("true");
        browser.find(cueRow(1) + "input[id$=-end]")
                .sendKeys(Keys.chord(Keys.CONTROL, "a"), "0:03.0");

        // Closing or going back with unsaved changes asks first; staying keeps the edit.
        browser.find("dialog.editor .editor-foot button.secondary").click();
        browser.waitFor(ExpectedConditions.alertIsPresent(), WAIT).dismiss();
        assertThat(browser.js("return document.querySelector('dialog.editor').open"))
                .isEqualTo(true);
        browser.js("location.hash = '#/'");
        browser.waitFor(ExpectedConditions.alertIsPresent(), WAIT).dismiss();
        browser.waitUntil(
                "location.hash === '#/lecture/"
                        + lecture
                        + "' && document.querySelector('dialog.editor')?.open"
                        + " && document.querySelector(\""
                        + cueRow(2)
                        + "textarea\").value === '"
                        + CORRECTED
                        + "'",
                WAIT);

        browser.find("#editor-publish").click();
        browser.waitUntil(
                "document.querySelector('dialog.editor .editor-foot [role=status]')"
                        + ".textContent.startsWith('Saved as revision 2.')",
                WAIT);
        browser.find("dialog.editor .editor-foot button.secondary").click();
        browser.waitUntil("!document.querySelector('dialog.editor')", WAIT);
        browser.waitUntil(
                "document.activeElement.matches(\"" + track + " [data-action=edit]\")", WAIT);
        assertThat(browser.find(track).getText())
                .contains("shown to students")
                .contains("revision 2");

        signIn(student, "sam");
        browser.open(base + "/#/watch/" + lecture);
        new Select(browser.find("#ctl-captions")).selectByVisibleText("English (automatic)");
        browser.waitUntil(
                "[...(document.querySelector('#video track').track.cues || [])]"
                        + ".some(c => c.text === '"
                        + CORRECTED
                        + "')",
                WAIT);
    }

    @Test
    @Order(2)
    @DisplayName(
            "the transcript follows playback without taking focus, seeks on click, finds words, and"
                    + " is closed on phones; captions stay on for a student who turned them on, in another"
                    + " track when their language is missing")
    void transcriptFollowsAndSeeks() throws Exception {
        signIn(student, "sam");
        browser.open(base + "/#/watch/" + lecture);
        browser.waitUntil("document.querySelectorAll('#transcript .cue').length === 4", WAIT);
        assertThat(browser.find("#transcript .cue[data-index='1']").getText()).endsWith(CORRECTED);
        assertThat(
                        browser.js(
                                "return document.querySelector('#ctl-captions').selectedOptions[0].text"))
                .as(
                        "the student turned captions on in the first test; the track is not the default")
                .isEqualTo("English (automatic)");

        browser.find("#transcript-find").sendKeys("leaf");
        assertThat(browser.js("return document.querySelectorAll('#transcript mark').length"))
                .isEqualTo(2L);
        browser.waitUntil(
                "document.querySelector('#transcript .transcript-find [aria-live]').textContent === '1 of 2'",
                WAIT);
        browser.find("#transcript-find").sendKeys(Keys.ENTER);
        browser.waitUntil(
                "document.querySelector('#transcript .transcript-find [aria-live]').textContent === '2 of 2'",
                WAIT);

        // The download goes through the API with the token; the saved file is caught in the page.
        @SuppressWarnings("unchecked")
        Map<String, String> saved =
                (Map<String, String>)
                        browser.driver.executeAsyncScript(
                                "const done = arguments[arguments.length - 1]; let text;"
                                        + " const make = URL.createObjectURL;"
                                        + " URL.createObjectURL = (blob) => { text = blob.text(); return make(blob); };"
                                        + " HTMLAnchorElement.prototype.click = function () {"
                                        + "   text.then((t) => done({ name: this.download, text: t })); };"
                                        + " document.querySelector('#transcript > p > button.link').click();");
        assertThat(saved.get("name")).isEqualTo("Photosynthesis - transcript.txt");
        assertThat(saved.get("text")).contains(CORRECTED).startsWith("Light reaches the leaf.");

        browser.waitUntil("document.querySelector('#video').readyState >= 1", WAIT);
        browser.js("const v = document.querySelector('#video'); v.currentTime = 2.5; v.play();");
        browser.waitUntil(
                "document.querySelector('#transcript .cue[aria-current]')?.dataset.index === '0'",
                WAIT);
        browser.waitUntil(
                "document.querySelector('#transcript .cue[aria-current]')?.dataset.index === '1'",
                WAIT);
        assertThat(browser.js("return document.activeElement.id"))
                .as("following playback leaves focus where the student put it")
                .isEqualTo("transcript-find");
        browser.js("document.querySelector('#video').pause()");
        browser.screenshots("transcript");

        browser.find("#transcript .cue[data-index='3']").click();
        browser.waitUntil(
                "Math.abs(document.querySelector('#video').currentTime - 9.5) < 0.2", WAIT);
        browser.waitUntil(
                "document.querySelector('#transcript .cue[aria-current]')?.dataset.index === '3'",
                WAIT);

        // A remembered language the lecture lacks: captions stay on, in the lecture's only track.
        browser.js("localStorage.setItem('lectern.captions', 'de')");
        browser.driver.navigate().refresh();
        browser.waitUntil(
                "document.querySelector('#video track')?.track.mode === 'showing'"
                        + " && document.querySelector('#ctl-captions').value === '"
                        + captionId
                        + "'",
                WAIT);

        browser.driver.manage().window().setSize(Browser.PHONE);
        browser.driver.navigate().refresh();
        browser.find("#transcript-toggle");
        assertThat(browser.find("#transcript-toggle").getAttribute("aria-expanded"))
                .isEqualTo("false");
        assertThat(browser.find("#transcript").isDisplayed()).isFalse();
        browser.find("#transcript-toggle").click();
        browser.waitUntil("document.querySelectorAll('#transcript .cue').length === 4", WAIT);
        browser.driver.manage().window().setSize(Browser.DESKTOP);
    }

    @Test
    @Order(3)
    @DisplayName("a teacher makes the corrected track the default and saves the course glossary")
    void defaultAndGlossary() {
        signIn(teacher, "tina");
        browser.open(base + "/#/lecture/" + lecture);
        String track = "li[data-caption='" + captionId + "']";
        browser.find(track + " [data-action=default]").click();
        browser.waitUntil(
                "document.querySelector(\""
                        + track
                        + "\").textContent.includes('shown to students, on by default')"
                        + " && document.activeElement.matches(\""
                        + track
                        + " [data-action=edit]\")",
                WAIT);

        browser.open(base + "/#/course/" + course);
        browser.find("#glossary").sendKeys("chlorophyll\n  Calvin cycle  \n\nstomata");
        browser.find("#glossary").submit();
        browser.waitUntil(
                "document.querySelector('#glossary ~ div')?.textContent === 'Glossary saved: 3 terms.'",
                WAIT);
        assertThat(
                        app.call("GET", "/api/v1/courses/" + course, teacher, null, 200)
                                .getJsonArray("glossary")
                                .getList())
                .containsExactly("chlorophyll", "Calvin cycle", "stomata");
        assertThat(browser.find("#glossary").getDomProperty("value"))
                .isEqualTo("chlorophyll\nCalvin cycle\nstomata");
    }
}
