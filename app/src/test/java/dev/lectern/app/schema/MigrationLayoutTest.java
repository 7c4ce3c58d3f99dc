package dev.lectern.app.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every module keeps its migrations in {@code db/migration/<module>/} and numbers them within its
 * own ranges (docs/architecture.md), so two modules never pick the same version and a new
 * database gets a module's tables before the tables of the modules that use them.
 */
@DisplayName("Each module's migrations")
class MigrationLayoutTest {
    /** Ranges per module, inclusive. The low ranges hold what release 0.1 shipped, unchanged. */
    static final Map<String, List<int[]>> RANGES =
            Map.of(
                    "infra", List.of(new int[] {39, 99}),
                    "catalog", List.of(new int[] {1, 19}, new int[] {100, 199}),
                    "ingest", List.of(new int[] {20, 38}, new int[] {200, 299}),
                    "transcode", List.of(new int[] {300, 399}),
                    "speech", List.of(new int[] {400, 499}),
                    "slides", List.of(new int[] {500, 599}));

    private static final Pattern VERSION = Pattern.compile("V(\\d+)(?:_\\d+)*__[a-z0-9_]+\\.sql");

    @Test
    @DisplayName("sit in their module's folder, within its version ranges, each version once")
    void withinRanges() throws Exception {
        Map<String, List<String>> byModule = migrations();
        assertThat(byModule.keySet())
                .as("every module with migrations has a range")
                .isSubsetOf(RANGES.keySet())
                .contains("infra", "catalog", "ingest");
        List<Integer> all = new ArrayList<>();
        byModule.forEach(
                (module, files) -> {
                    for (String file : files) {
                        Matcher m = VERSION.matcher(file);
                        assertThat(m.matches())
                                .as(module + "/" + file + " is named V<n>__<words>.sql")
                                .isTrue();
                        int major = Integer.parseInt(m.group(1));
                        assertThat(RANGES.get(module))
                                .as(module + "/" + file + " is within " + module + "'s ranges")
                                .anyMatch(r -> major >= r[0] && major <= r[1]);
                        all.add(major);
                    }
                });
        assertThat(all).as("no two migrations share a version").doesNotHaveDuplicates();
    }

    private static Map<String, List<String>> migrations() throws IOException, URISyntaxException {
        Map<String, List<String>> byModule = new TreeMap<>();
        for (URL root :
                Collections.list(
                        MigrationLayoutTest.class.getClassLoader().getResources("db/migration"))) {
            try (FileSystem jar =
                    root.getProtocol().equals("jar")
                            ? FileSystems.newFileSystem(root.toURI(), Map.of())
                            : null) {
                Path folder = jar == null ? Path.of(root.toURI()) : jar.getPath("db/migration");
                try (Stream<Path> modules = Files.list(folder)) {
                    for (Path module : modules.toList()) {
                        try (Stream<Path> files = Files.list(module)) {
                            byModule.computeIfAbsent(
                                            module.getFileName().toString().replace("/", ""),
                                            k -> new ArrayList<>())
                                    .addAll(files.map(f -> f.getFileName().toString()).toList());
                        }
                    }
                }
            }
        }
        return byModule;
    }
}
