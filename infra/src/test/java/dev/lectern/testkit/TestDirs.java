package dev.lectern.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Scratch directories under the module's {@code target/test-data}, so {@code mvn clean} removes them. */
public final class TestDirs {
    private TestDirs() {}

    public static Path create(String prefix) {
        try {
            Path root = Path.of(System.getProperty("lectern.test.dir", "target/test-data"));
            Files.createDirectories(root);
            return Files.createTempDirectory(root.toAbsolutePath(), prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
