package dev.lectern.slides.detect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a child under {@code nice}, as the speech engines do: slide work is background work and
 * must yield the cores to transcodes and requests.
 */
public final class Niced {
    private static final Optional<Path> NICE = find("nice");

    private Niced() {}

    /** {@code command} prefixed with {@code nice -n 10}, or unchanged where there is no nice. */
    public static List<String> command(List<String> command) {
        if (NICE.isEmpty()) {
            return command;
        }
        List<String> niced = new ArrayList<>(List.of(NICE.get().toString(), "-n", "10"));
        niced.addAll(command);
        return niced;
    }

    /** An executable of that name on the PATH. */
    public static Optional<Path> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
