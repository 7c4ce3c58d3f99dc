package dev.lectern.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lectern.infra.config.ConfigSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * deploy/compose held to the code: the services a school server needs, real settings that parse,
 * real roles, health checks on the ports the processes listen on, the migration before the
 * processes that need it, and an example environment that defines everything the file asks for.
 */
@DisplayName("The Compose file")
class ComposeFileTest {
    private static final Path FOLDER = DeployFiles.ROOT.resolve("compose");

    @Test
    @DisplayName("runs PostgreSQL, S3, a migration, two APIs behind a TLS proxy and workers")
    void services() throws Exception {
        JsonNode services = compose().path("services");
        assertThat(fieldNames(services))
                .containsExactlyInAnyOrder("postgres", "s3", "migrate", "api", "worker", "proxy");
        assertThat(services.at("/api/deploy/replicas").asInt()).isEqualTo(2);
        assertThat(services.at("/migrate/restart").asText()).isEqualTo("no");
        for (String process : Set.of("api", "worker")) {
            assertThat(services.at("/" + process + "/depends_on/migrate/condition").asText())
                    .as(process + " starts after the schema is migrated")
                    .isEqualTo("service_completed_successfully");
        }
        assertThat(services.at("/proxy/ports").toString()).contains("443:443");
    }

    @Test
    @DisplayName(
            "gives Lectern's processes real settings and roles, and checks their health where they listen")
    void lecternProcesses() throws Exception {
        JsonNode services = compose().path("services");
        Map<String, String> example = DeployFiles.envFile(FOLDER.resolve("env.example"));
        for (String name : fieldNames(services)) {
            JsonNode service = services.path(name);
            if (!service.path("image").asText().startsWith("lectern:")) {
                continue;
            }
            assertThat(service.path("env_file").asText()).isEqualTo(".env");
            String role = service.path("command").get(0).asText();
            assertThat(DeployFiles.COMMANDS).as(name).contains(role);
            Map<String, String> environment = DeployFiles.strings(service.path("environment"));
            assertThat(environment.keySet()).as(name).isSubsetOf(DeployFiles.SETTINGS);

            Map<String, String> settings = new HashMap<>();
            example.forEach(
                    (key, value) -> {
                        if (key.startsWith("LECTERN_")) {
                            settings.put(key, value);
                        }
                    });
            settings.putAll(environment);
            LecternConfig config = LecternConfig.from(ConfigSource.of(settings));

            assertThat(service.path("read_only").asBoolean()).as(name).isTrue();
            assertThat(service.path("volumes").toString())
                    .as(name + ": the data directory is a volume")
                    .contains(":" + config.infra().dataDir());
            assertThat(Duration.parse("PT" + service.path("stop_grace_period").asText()))
                    .as(name + ": running work is handed back before the kill")
                    .isGreaterThan(config.infra().shutdownGrace());
            if (role.equals("migrate")) {
                continue;
            }
            int listening =
                    role.equals("worker")
                            ? config.infra().http().opsPort().orElseThrow()
                            : config.infra().http().port();
            JsonNode check = service.at("/healthcheck/test");
            assertThat(check.get(2).asInt()).as(name + "'s health check port").isEqualTo(listening);
            assertThat(check.get(3).asText()).isIn("/health/live", "/health/ready");
        }
        Matcher upstream =
                Pattern.compile("name api\\s+port (\\d+)")
                        .matcher(Files.readString(FOLDER.resolve("Caddyfile")));
        assertThat(upstream.find()).isTrue();
        assertThat(upstream.group(1))
                .isEqualTo(services.at("/api/environment/LECTERN_HTTP_PORT").asText());
    }

    @Test
    @DisplayName(
            "takes every variable it names from the example environment, which sets only real settings")
    void exampleEnvironment() throws Exception {
        Map<String, String> example = DeployFiles.envFile(FOLDER.resolve("env.example"));
        String files =
                Files.readString(FOLDER.resolve("compose.yaml"))
                        + Files.readString(FOLDER.resolve("Caddyfile"));
        Set<String> named = new TreeSet<>();
        Matcher variable =
                Pattern.compile("\\$\\{([A-Z0-9_]+)|\\{\\$([A-Z0-9_]+)\\}").matcher(files);
        while (variable.find()) {
            named.add(variable.group(1) != null ? variable.group(1) : variable.group(2));
        }
        assertThat(example.keySet()).containsAll(named);
        for (String key : example.keySet()) {
            if (key.startsWith("LECTERN_")) {
                assertThat(DeployFiles.SETTINGS).as("env.example").contains(key);
            } else {
                assertThat(named)
                        .as(key + " is Compose's own, so the file must use it")
                        .contains(key);
            }
        }
    }

    private static JsonNode compose() throws Exception {
        return DeployFiles.document(FOLDER.resolve("compose.yaml"));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
