package dev.lectern.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("JSON logs for log shippers")
class JsonLogTest {

    @Test
    @DisplayName(
            "with LECTERN_LOG_FORMAT=json every log line is one JSON object with level, logger and the formatted message")
    void oneObjectPerLine() throws Exception {
        Map<String, String> env = BadConfigurationTest.base();
        env.put("LECTERN_LOG_FORMAT", "json");
        BadConfigurationTest.Outcome outcome = BadConfigurationTest.run(env, "migrate");

        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        List<JsonObject> logs =
                outcome.stderr()
                        .lines()
                        .filter(line -> line.startsWith("{"))
                        .map(JsonObject::new)
                        .toList();
        assertThat(outcome.stderr().lines().filter(line -> !line.startsWith("{")))
                .as("only the command's own result is plain text")
                .containsExactly("database schema is up to date");
        assertThat(logs)
                .isNotEmpty()
                .allSatisfy(
                        log -> {
                            assertThat(log.getString("level")).isNotBlank();
                            assertThat(log.getString("loggerName")).isNotBlank();
                            assertThat(log.getLong("timestamp")).isPositive();
                        });
        assertThat(logs)
                .anySatisfy(
                        log ->
                                assertThat(log.getString("formattedMessage"))
                                        .matches("database schema migrated to version \\d+ .*"));
    }
}
