package dev.lectern.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code lectern} command in its own JVM ({@code java … -jar app/target/lectern.jar CMD}), with
 * only the given {@code LECTERN_*} settings and its output in a log file. Closing stops it
 * gracefully (SIGTERM), then by force.
 */
final class ChildJvm implements AutoCloseable {
    final Process process;
    final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ChildJvm start(
            Path jar,
            List<String> jvmOptions,
            List<String> args,
            Map<String, String> settings,
            Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("LECTERN_"));
        builder.environment().putAll(settings);
        return new ChildJvm(builder.start(), log);
    }

    /**
     * The options {@code ./lectern} gives its JVM ({@code scripts/jvm-options} beside the jar's
     * checkout), so a child measures the service as it runs.
     */
    static List<String> serviceOptions(Path jar) throws IOException {
        Path file =
                jar.toAbsolutePath()
                        .getParent()
                        .getParent()
                        .getParent()
                        .resolve("scripts/jvm-options");
        return Files.readAllLines(file).stream()
                .filter(line -> !line.startsWith("#"))
                .flatMap(line -> Arrays.stream(line.trim().split("\\s+")))
                .filter(option -> !option.isEmpty())
                .toList();
    }

    /** Runs a short command to completion and returns its standard output. */
    static String runToEnd(Path jar, List<String> args, Map<String, String> settings, Path log)
            throws IOException, InterruptedException {
        try (ChildJvm child = start(jar, List.of(), args, settings, log)) {
            if (child.process.waitFor() != 0) {
                throw new IllegalStateException(
                        "lectern " + args + " failed: " + Files.readString(log));
            }
            return Files.readString(log);
        }
    }

    /** Waits until the log has a line matching {@code pattern}; returns its first group, if any. */
    String awaitLog(Pattern pattern, double seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
            Optional<String> found = find(pattern);
            if (found.isPresent()) {
                return found.get();
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "child exited with " + process.exitValue() + ": " + tail());
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(
                "no '" + pattern + "' in " + log + " after " + seconds + " s: " + tail());
    }

    private Optional<String> find(Pattern pattern) throws IOException {
        for (String line : Files.readAllLines(log)) {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                return Optional.of(m.groupCount() > 0 ? m.group(1) : line);
            }
        }
        return Optional.empty();
    }

    private String tail() throws IOException {
        String text = Files.readString(log);
        return text.length() < 3000 ? text : text.substring(text.length() - 3000);
    }

    /** Peak resident memory (VmHWM) of the child, in MiB, or -1 once it has exited. */
    double peakRssMiB() {
        return memoryMiB("VmHWM:");
    }

    /** Resident memory (VmRSS) of the child now, in MiB, or -1 once it has exited. */
    double rssMiB() {
        return memoryMiB("VmRSS:");
    }

    private double memoryMiB(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(40, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
