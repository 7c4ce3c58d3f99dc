package dev.lectern.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.infra.auth.Identity;
import dev.lectern.infra.config.ConfigSource;
import dev.lectern.testkit.TestSettings;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Health, metrics and identity endpoints over real HTTP")
class OperationsEndpointsTest {
    static Lectern lectern;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        Map<String, String> settings = TestSettings.isolated("ops");
        settings.put("LECTERN_METRICS_TOKEN", "scrape-secret");
        lectern = Lectern.start(LecternConfig.from(ConfigSource.of(settings)));
    }

    @AfterAll
    static void stop() {
        lectern.close();
    }

    static HttpResponse<String> get(String path, String bearer) throws Exception {
        var request =
                HttpRequest.newBuilder(URI.create(lectern.baseUrl() + path))
                        .timeout(Duration.ofSeconds(10));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String token(String user, boolean admin) {
        return lectern.infrastructure()
                .tokens
                .issue(new Identity(user, user, admin), Duration.ofHours(1));
    }

    @Test
    @DisplayName("liveness and readiness report PostgreSQL and S3 up without a token")
    void health() throws Exception {
        assertThat(get("/health/live", null).statusCode()).isEqualTo(200);
        var ready = get("/health/ready", null);
        assertThat(ready.statusCode()).isEqualTo(200);
        JsonObject body = new JsonObject(ready.body());
        assertThat(body.getString("status")).isEqualTo("up");
        assertThat(body.getJsonObject("checks").getMap())
                .containsEntry("database", "up")
                .containsEntry("storage", "up");
    }

    @Test
    @DisplayName("metrics are for admins and the scrape token only")
    void metrics() throws Exception {
        assertThat(get("/metrics", null).statusCode()).isEqualTo(401);
        assertThat(get("/metrics", token("sam", false)).statusCode()).isEqualTo(403);
        assertThat(get("/metrics", "wrong-secret").statusCode()).isEqualTo(401);
        var scraped = get("/metrics", "scrape-secret");
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.body())
                .contains("jvm_memory_used_bytes")
                .contains("vertx_http_server")
                .contains("lectern_part_memory_bytes{state=\"idle\"}");
        assertThat(get("/metrics", token("root", true)).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("the API answers who the caller is, and refuses anonymous callers with a problem")
    void identity() throws Exception {
        var anonymous = get("/api/v1/me", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type"))
                .contains("application/problem+json");
        assertThat(new JsonObject(anonymous.body()).getString("code")).isEqualTo("UNAUTHENTICATED");
        var me = new JsonObject(get("/api/v1/me", token("alice", true)).body());
        assertThat(me.getString("userId")).isEqualTo("alice");
        assertThat(me.getBoolean("admin")).isTrue();
        var unknown = get("/no/such/page", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(unknown.body()).getString("code")).isEqualTo("NOT_FOUND");
    }

    @Test
    @DisplayName(
            "a plain-TCP request asking to upgrade to HTTP/2 (h2c, as Java's HttpClient does) gets"
                    + " an HTTP/1.1 answer, not 101 Switching Protocols")
    void noCleartextHttp2Upgrade() throws Exception {
        URI base = URI.create(lectern.baseUrl());
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            String request =
                    "GET /api/v1/openapi.json HTTP/1.1\r\nHost: "
                            + base.getAuthority()
                            + "\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c"
                            + "\r\nHTTP2-Settings: AAMAAABkAAQAoAAAAAIAAAAA\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String statusLine =
                    new java.io.BufferedReader(
                                    new java.io.InputStreamReader(
                                            socket.getInputStream(), StandardCharsets.US_ASCII))
                            .readLine();
            assertThat(statusLine).isEqualTo("HTTP/1.1 200 OK");
        }
    }
}
