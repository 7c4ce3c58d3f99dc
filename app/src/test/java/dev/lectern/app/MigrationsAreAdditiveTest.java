package dev.lectern.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * During a rollout the previous release's processes run against the new schema (docs/deploy.md,
 * Upgrades), so a migration may add but never take away what they read: no dropped or renamed
 * table or column, no changed column type. Relaxing a constraint (DROP NOT NULL, DROP
 * CONSTRAINT, DROP INDEX) is allowed. Something must go? Stop using it in one release, drop it in
 * the next, and say so here.
 */
@DisplayName("Database migrations")
class MigrationsAreAdditiveTest {
    private static final Pattern TAKES_AWAY =
            Pattern.compile(
                    "(?i)\\bDROP\\s+(TABLE|COLUMN|TYPE|SCHEMA|VIEW)\\b"
                            + "|\\bRENAME\\b"
                            + "|\\bALTER\\s+COLUMN\\s+\\S+\\s+(SET\\s+DATA\\s+)?TYPE\\b");

    @Test
    @DisplayName("only add to the schema, so two releases can run on it during a rollout")
    void onlyAdd() throws Exception {
        List<Path> migrations = new ArrayList<>();
        try (Stream<Path> modules = Files.list(Path.of(".."))) {
            for (Path module : modules.toList()) {
                Path folder = module.resolve("src/main/resources/db/migration");
                if (Files.isDirectory(folder)) {
                    try (Stream<Path> files = Files.walk(folder)) {
                        files.filter(f -> f.toString().endsWith(".sql")).forEach(migrations::add);
                    }
                }
            }
        }
        assertThat(migrations).hasSizeGreaterThan(10);
        List<String> offending = new ArrayList<>();
        for (Path migration : migrations) {
            String sql = Files.readString(migration).replaceAll("--[^\\n]*", "");
            Matcher match = TAKES_AWAY.matcher(sql);
            while (match.find()) {
                offending.add(migration.getFileName() + ": " + match.group());
            }
        }
        assertThat(offending).isEmpty();
    }
}
