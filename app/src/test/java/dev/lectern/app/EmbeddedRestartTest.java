package dev.lectern.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.infra.config.ConfigSource;
import dev.lectern.testkit.TestDirs;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Embedded defaults")
class EmbeddedRestartTest {

    @Test
    @DisplayName(
            "with no external services the service is ready, and a restart keeps rows and objects")
    void restartKeepsData() throws Exception {
        Path dataDir = TestDirs.create("embedded");
        var config =
                LecternConfig.from(
                        ConfigSource.of(
                                Map.of(
                                        "LECTERN_DATA_DIR",
                                        dataDir.toString(),
                                        "LECTERN_HTTP_PORT",
                                        "0",
                                        "LECTERN_HTTP_HOST",
                                        "127.0.0.1")));
        try (Lectern first = Lectern.start(config)) {
            var ready =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(first.baseUrl() + "/health/ready"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
            var infra = first.infrastructure();
            infra.pool
                    .query("INSERT INTO courses (code, title) VALUES ('KEEP1', 'Kept')")
                    .execute()
                    .await();
            infra.store.put("kept/object.txt", Buffer.buffer("still here"), "text/plain").await();
        }
        try (Lectern second = Lectern.start(config)) {
            var infra = second.infrastructure();
            var rows =
                    infra.pool
                            .query("SELECT title FROM courses WHERE code = 'KEEP1'")
                            .execute()
                            .await();
            assertThat(rows.iterator().next().getString("title")).isEqualTo("Kept");
            assertThat(infra.store.head("kept/object.txt").await()).isPresent();
        }
    }
}
