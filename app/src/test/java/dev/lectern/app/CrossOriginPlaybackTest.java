package dev.lectern.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestMedia;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A player on another site (an LMS page) reads the playback answer with the student's token and
 * plays the signed streams with hls.js: allowed for an origin LECTERN_MEDIA_CORS_ORIGINS names,
 * kept from any other origin by the browser.
 */
@DisplayName("Playback from a page of another origin")
class CrossOriginPlaybackTest {
    /** The other site's page: its own player, given Lectern's address, a token and a lecture. */
    private static final String PAGE =
            """
            <!doctype html><html><body><video id="video" muted></video><script>
            const q = new URLSearchParams(location.search);
            window.outcome = 'pending';
            fetch(q.get('lectern') + '/api/v1/lectures/' + q.get('lecture') + '/playback',
                  {headers: {Authorization: 'Bearer ' + q.get('token')}})
              .then((r) => r.json())
              .then((playback) => {
                const script = document.createElement('script');
                script.src = q.get('lectern') + '/vendor/hls/1.7.4/hls.min.js';
                script.onload = () => {
                  const hls = new Hls();
                  hls.on(Hls.Events.ERROR, (_, d) => { if (d.fatal) window.outcome = 'hls: ' + d.details; });
                  hls.loadSource(playback.hls);
                  hls.attachMedia(document.getElementById('video'));
                  document.getElementById('video').play();
                  window.outcome = 'playing';
                };
                document.body.appendChild(script);
              })
              .catch((e) => { window.outcome = 'refused: ' + e; });
            </script></body></html>
            """;

    @Test
    @DisplayName(
            "hls.js on a named origin plays the lecture; the same page on another origin cannot read the playback answer")
    void playsFromAnAllowedOriginOnly() throws Exception {
        Vertx vertx = Vertx.vertx();
        HttpServer site =
                vertx.createHttpServer()
                        .requestHandler(
                                request ->
                                        request.response()
                                                .putHeader("Content-Type", "text/html")
                                                .end(PAGE))
                        .listen(0, "127.0.0.1")
                        .await();
        String allowed = "http://127.0.0.1:" + site.actualPort();
        try (RunningLectern app =
                        new RunningLectern(Map.of("LECTERN_MEDIA_CORS_ORIGINS", allowed));
                Browser browser = Browser.start()) {
            String admin = app.adminToken("root");
            String teacher = app.token("tina");
            String student = app.token("sam");
            String course = app.createCourse(admin, "CORS", "Embedded");
            app.addMember(admin, course, "tina", "teacher");
            app.addMember(admin, course, "sam", "student");
            UUID lecture = app.createLecture(teacher, course, "Elsewhere", "published");
            Path video =
                    TestMedia.videoWithTone(TestDirs.create("cors"), "talk.mp4", 640, 360, 25, 6);
            app.upload(teacher, lecture, video);
            assertThat(app.awaitSettled(lecture)).isEqualTo("ready");

            String query =
                    "/?lectern=" + app.http.baseUrl() + "&lecture=" + lecture + "&token=" + student;
            browser.open(allowed + query);
            browser.waitUntil(
                    "document.getElementById('video').currentTime > 1.5", Duration.ofSeconds(30));
            assertThat(browser.js("return window.outcome")).isEqualTo("playing");

            // localhost and 127.0.0.1 are different origins: this one is not named.
            browser.open("http://localhost:" + site.actualPort() + query);
            browser.waitUntil("window.outcome !== 'pending'", Duration.ofSeconds(15));
            assertThat((String) browser.js("return window.outcome")).startsWith("refused");
        } finally {
            vertx.close().await();
        }
    }
}
