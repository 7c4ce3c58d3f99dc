package dev.lectern.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.testkit.TestHttp;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The web pages' files as served by the app")
class WebAssetsTest {
    /** Everything the student pages load besides hls.js (tus-js-client is loaded by teachers only). */
    private static final List<String> STUDENT_FILES =
            List.of(
                    "/",
                    "/assets/css/lectern.css",
                    "/assets/js/app.js",
                    "/assets/js/api.js",
                    "/assets/js/signin.js",
                    "/assets/js/dom.js",
                    "/assets/js/courses.js",
                    "/assets/js/search.js",
                    "/assets/js/player.js",
                    "/assets/js/controls.js",
                    "/assets/js/transcript.js",
                    "/assets/js/chapters.js",
                    "/assets/js/growing.js");

    private static RunningLectern app;

    @BeforeAll
    static void start() {
        app = new RunningLectern();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /**
     * On a connection of its own, as a browser's: Vert.x 5.0.10 answered a gzip request that
     * followed an identity one on the same keep-alive connection with a gzip header over a plain
     * body (browsers always ask for gzip, so they never meet it).
     */
    private static TestHttp.Response gzipGet(String path) {
        return new TestHttp(app.http.baseUrl())
                .send("GET", path, null, null, Map.of("Accept-Encoding", "gzip"));
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(bytes));
                var out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    @Test
    @DisplayName(
            "the shell is HTML with a strict Content-Security-Policy and is revalidated on every visit")
    void shell() throws IOException {
        TestHttp.Response page = gzipGet("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(page.header("Content-Security-Policy"))
                .contains("script-src 'self'")
                .contains("frame-ancestors 'none'");
        assertThat(new String(gunzip(page.bytes()), java.nio.charset.StandardCharsets.UTF_8))
                .contains("<script type=\"module\" src=\"/assets/js/app.js\">");
    }

    @Test
    @DisplayName("the student page's own code and styles stay under 150 KB gzip-compressed")
    void studentBudget() throws IOException {
        long compressed = 0;
        for (String path : STUDENT_FILES) {
            TestHttp.Response response = gzipGet(path);
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.header("Content-Encoding")).as(path).isEqualTo("gzip");
            assertThat(gunzip(response.bytes())).as(path).isNotEmpty();
            compressed += response.bytes().length;
        }
        assertThat(compressed).isLessThan(150 * 1024);
    }

    @Test
    @DisplayName("app assets carry a short max-age revalidated by ETag; versioned hls.js a year")
    void cacheHeaders() {
        TestHttp.Response script = app.http.get("/assets/js/player.js", null);
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type")).contains("javascript");
        assertThat(script.header("Cache-Control")).contains("max-age=300");
        assertThat(script.header("ETag")).isNotBlank();
        assertThat(
                        app.http
                                .send(
                                        "GET",
                                        "/assets/js/player.js",
                                        null,
                                        null,
                                        Map.of("If-None-Match", script.header("ETag")))
                                .status())
                .isEqualTo(304);

        TestHttp.Response hls = app.http.get("/vendor/hls/1.7.4/hls.min.js", null);
        assertThat(hls.status()).isEqualTo(200);
        assertThat(hls.header("Cache-Control")).contains("max-age=31536000");
        assertThat(hls.body()).contains("Hls");

        TestHttp.Response tus = app.http.get("/vendor/tus/tus.min.js", null);
        assertThat(tus.status()).isEqualTo(200);
        assertThat(tus.body()).contains("tus");
    }

    @Test
    @DisplayName(
            "paths outside the pages' folders, directory walks and other methods are not served")
    void nothingElse() {
        assertThat(app.http.get("/assets/../openapi.json", null).status()).isEqualTo(404);
        assertThat(app.http.get("/assets/%2e%2e/%2e%2e/logback.xml", null).status()).isEqualTo(404);
        assertThat(app.http.get("/assets/js/", null).status()).isEqualTo(404);
        assertThat(app.http.send("POST", "/assets/js/app.js", null, "{}").status()).isIn(404, 405);
    }
}
