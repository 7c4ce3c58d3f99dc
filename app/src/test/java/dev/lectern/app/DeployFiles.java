package dev.lectern.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lectern.infra.config.SettingKey;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/** Reads the files under deploy/ the way their tools do, for the tests that hold them to the code. */
final class DeployFiles {
    static final Path ROOT = Path.of("..", "deploy");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Every setting key any module reads. */
    static final Set<String> SETTINGS =
            LecternConfig.settings().stream().map(SettingKey::key).collect(Collectors.toSet());

    /** The roles a container may be started with: lectern's own subcommands. */
    static final Set<String> COMMANDS = new CommandLine(new Main()).getSubcommands().keySet();

    private DeployFiles() {}

    /**
     * The YAML documents of a file, read by SnakeYAML: it resolves aliases and YAML 1.1's merge
     * keys ({@code <<: *anchor}, which Compose files use) as Compose and kubectl do; Jackson's own
     * YAML reader leaves both unresolved.
     */
    static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object document : new Yaml().loadAll(reader)) {
                if (document != null) {
                    documents.add(YAML.valueToTree(document));
                }
            }
        }
        return documents;
    }

    static JsonNode document(Path file) throws IOException {
        List<JsonNode> documents = documents(file);
        assertThat(documents).as(file.toString()).hasSize(1);
        return documents.get(0);
    }

    /** YAML files under a folder of deploy/, in a stable order. */
    static List<Path> yamlFiles(String folder) throws IOException {
        try (Stream<Path> files = Files.walk(ROOT.resolve(folder))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    /** KEY=VALUE lines of an env file, comments and blank lines left out. */
    static Map<String, String> envFile(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            assertThat(equals).as(file + ": " + line).isPositive();
            values.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
        }
        return values;
    }

    /** A string-to-string view of a YAML mapping (environment, ConfigMap data). */
    static Map<String, String> strings(JsonNode mapping) {
        Map<String, String> values = new LinkedHashMap<>();
        if (mapping != null) {
            mapping.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        }
        return values;
    }
}
