package dev.lectern.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.testkit.TestHttp;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Requests the HTTP server refuses before any route sees them still get a problem body. */
@DisplayName("Requests too large to parse")
class UnparsableRequestsTest {
    private static RunningLectern app;

    @BeforeAll
    static void start() {
        app = new RunningLectern();
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
}
