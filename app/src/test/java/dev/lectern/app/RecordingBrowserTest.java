package dev.lectern.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;

/**
 * Recording in the teacher's page, in Chromium with a synthetic camera and microphone and a
 * canvas standing in for the shared screen: the pieces upload while it records, a connection
 * lost midway loses nothing, and Stop ends with a lecture that plays.
 */
@DisplayName("Recording a lecture in the browser")
class RecordingBrowserTest {
    /** The screen to share: a canvas whose slide changes every second. */
    private static final String FAKE_SCREEN =
            """
            const canvas = document.createElement('canvas');
            canvas.width = 960; canvas.height = 540;
            const g = canvas.getContext('2d');
            let n = 0;
            setInterval(() => {
              g.fillStyle = n % 2 ? '#234' : '#432'; g.fillRect(0, 0, 960, 540);
              g.fillStyle = '#fff'; g.font = '64px sans-serif';
              g.fillText('Slide ' + Math.floor(n / 10), 60, 270); n++;
            }, 100);
            navigator.mediaDevices.getDisplayMedia = async () => canvas.captureStream(15);
            """;

    @Test
    @DisplayName(
            "screen, microphone and camera inset recorded with a connection lost midway: uploaded while recording, ready after Stop")
    void recordAcrossADroppedConnection() throws Exception {
        try (RunningLectern app = new RunningLectern();
                Browser browser = Browser.start()) {
            String admin = app.adminToken("root");
            String teacher = app.token("tina");
            String course = app.createCourse(admin, "REC2", "Recording");
            app.addMember(admin, course, "tina", "teacher");
            UUID lecture = app.createLecture(teacher, course, "Recorded here", "published");

            browser.open(app.http.baseUrl() + "/#token=" + teacher);
            browser.waitUntil("document.querySelector('#nav .who')", Duration.ofSeconds(10));
            browser.open(app.http.baseUrl() + "/#/lecture/" + lecture);
            browser.find("#record-start");
            browser.js(FAKE_SCREEN);
            browser.find("#record-camera").click();
            long started = System.nanoTime();
            browser.find("#record-start").click();
            browser.waitUntil(
                    "Number(document.querySelector('#recorder').dataset.uploaded || 0) > 0",
                    Duration.ofSeconds(15));

            ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
            offline.setOffline(true);
            browser.driver.setNetworkConditions(offline);
            Thread.sleep(3000);
            String whileOffline =
                    (String)
                            browser.js(
                                    "return document.querySelector('#recorder .upload-state').textContent");
            browser.driver.deleteNetworkConditions();
            Thread.sleep(3000);
            browser.find("#record-stop").click();
            double recorded = (System.nanoTime() - started) / 1e9;
            browser.waitUntil(
                    "document.querySelector('#recorder').dataset.done === 'true'",
                    Duration.ofSeconds(30));
            assertThat(whileOffline).containsAnyOf("Offline", "interrupted");

            app.awaitSettled(lecture);
            var row =
                    app.sql(
                                    "SELECT status, error_code, duration_seconds FROM lectures WHERE id = $1",
                                    lecture)
                            .iterator()
                            .next();
            assertThat(row.getString(0)).as("error " + row.getString(1)).isEqualTo("ready");
            // Start and Stop as the page saw them, give or take the clicks' own time.
            assertThat(row.getNumeric(2).doubleValue()).isBetween(recorded - 3, recorded + 1);
            JsonObject playback =
                    app.call(
                            "GET", "/api/v1/lectures/" + lecture + "/playback", teacher, null, 200);
            assertThat(playback.getString("hls")).contains("master.m3u8");
            assertThat(((Number) browser.js(PIECES_KEPT)).intValue())
                    .as("pieces are forgotten once the server has the recording")
                    .isZero();

            // The page closes while recording offline; reloaded, it finishes the upload.
            UUID second = app.createLecture(teacher, course, "Recorded, reloaded", "published");
            browser.open(app.http.baseUrl() + "/#/lecture/" + second);
            browser.waitUntil(
                    "document.querySelector('h1')?.textContent === 'Recorded, reloaded'"
                            + " && document.querySelector('#record-start')",
                    Duration.ofSeconds(10));
            browser.js(FAKE_SCREEN);
            browser.find("#record-start").click();
            browser.waitUntil(
                    "Number(document.querySelector('#recorder').dataset.uploaded || 0) > 0",
                    Duration.ofSeconds(15));
            browser.driver.setNetworkConditions(offline);
            Thread.sleep(3000);
            // Back online, the page is reloaded mid-recording: its recorder is gone.
            browser.driver.deleteNetworkConditions();
            browser.driver.navigate().refresh();
            browser.find("#recording-finish").click();
            browser.waitUntil(
                    "document.querySelector('#recorder').dataset.done === 'true'",
                    Duration.ofSeconds(30));
            assertThat(app.awaitSettled(second)).isEqualTo("ready");
        }
    }

    /** How many recorded pieces the page still keeps in IndexedDB. */
    private static final String PIECES_KEPT =
            """
            return new Promise((resolve) => {
              const open = indexedDB.open('lectern-recordings');
              open.onsuccess = () => {
                const count = open.result.transaction('pieces').objectStore('pieces').count();
                count.onsuccess = () => resolve(count.result);
              };
            });
            """;
}
