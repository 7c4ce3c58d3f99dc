package dev.lectern.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.testkit.TestHttp;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Requests the API cannot take as sent get a problem body that says why, never a guess. */
@DisplayName("Malformed requests")
class MalformedRequestsTest {
    private static RunningLectern app;
    private static String admin;

    @BeforeAll
    static void start() {
        app = new RunningLectern();
        admin = app.adminToken("root");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    @DisplayName(
            "an address too long answers 414 and headers too large 431, each with a problem body")
    void tooLong() {
        TestHttp.Response uri = app.http.get("/api/v1/search?q=" + "a".repeat(10_000), null);
        assertThat(uri.status()).isEqualTo(414);
        assertThat(uri.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(new JsonObject(uri.body()).getString("code")).isEqualTo("URI_TOO_LONG");

        TestHttp.Response headers =
                app.http.send(
                        "GET", "/health/live", null, null, Map.of("X-Padding", "b".repeat(20_000)));
        assertThat(headers.status()).isEqualTo(431);
        assertThat(new JsonObject(headers.body()).getString("code")).isEqualTo("HEADERS_TOO_LARGE");
    }

    @Test
    @DisplayName(
            "a JSON body must be sent as JSON and name each field once; a charset parameter is fine")
    void strictJson() {
        TestHttp.Response twice =
                app.http.send(
                        "POST",
                        "/api/v1/courses",
                        admin,
                        "{\"code\": \"TWICE\", \"title\": \"a\", \"title\": \"b\"}");
        assertThat(twice.status()).as("a field named twice is a guess either way").isEqualTo(400);
        assertThat(new JsonObject(twice.body()).getString("field")).isEqualTo("title");

        TestHttp.Response plain =
                app.http.send(
                        "POST",
                        "/api/v1/courses",
                        admin,
                        "{\"code\": \"PLAIN\", \"title\": \"Plain\"}"
                                .getBytes(StandardCharsets.UTF_8),
                        Map.of("Content-Type", "text/plain"));
        assertThat(plain.status()).isEqualTo(415);
        assertThat(new JsonObject(plain.body()).getString("code"))
                .isEqualTo("UNSUPPORTED_MEDIA_TYPE");

        TestHttp.Response charset =
                app.http.send(
                        "POST",
                        "/api/v1/courses",
                        admin,
                        "{\"colour\": \"red\"}".getBytes(StandardCharsets.UTF_8),
                        Map.of("Content-Type", "application/json; charset=utf-8"));
        assertThat(new JsonObject(charset.body()).getString("field"))
                .as("JSON with a charset parameter is read")
                .isEqualTo("colour");
    }
}
