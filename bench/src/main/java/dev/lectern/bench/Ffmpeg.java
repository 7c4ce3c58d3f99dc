package dev.lectern.bench;

import dev.lectern.infra.media.MediaTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the bundled ffmpeg (through {@link MediaTools#processBuilder}) and measures it. */
final class Ffmpeg {
    /** Wall and CPU seconds of one finished command. */
    record Run(double wallSeconds, double cpuSeconds, String stderr) {}

    private final MediaTools tools;
    private final Path logDir;

    Ffmpeg(MediaTools tools, Path logDir) {
        this.tools = tools;
        this.logDir = logDir;
    }

    MediaTools tools() {
        return tools;
    }

    /** The bundled ffmpeg's command prefix followed by {@code args}. */
    List<String> command(List<String> args) {
        List<String> command = new ArrayList<>(tools.ffmpegCommand());
        command.addAll(args);
        return command;
    }

    Run run(String name, List<String> args) {
        return runCommand(name, command(args));
    }

    /** Runs a complete command line (its first element is the executable); fails on exit ≠ 0. */
    Run runCommand(String name, List<String> command) {
        try {
            Files.createDirectories(logDir);
            Path err = logDir.resolve(name + ".stderr.txt");
            ProcessBuilder builder =
                    MediaTools.processBuilder(command)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .redirectError(err.toFile());
            CpuClock before = CpuClock.now();
            long started = System.nanoTime();
            Process process = builder.start();
            int exit = process.waitFor();
            double wall = (System.nanoTime() - started) / 1e9;
            // The JDK reaps the child on its own thread; give it a moment to be counted.
            Thread.sleep(50);
            double cpu = CpuClock.now().childrenSince(before);
            String stderr = Files.readString(err);
            if (exit != 0) {
                throw new IllegalStateException(
                        name + ": ffmpeg exited with " + exit + ": " + tail(stderr));
            }
            return new Run(wall, cpu, stderr);
        } catch (IOException e) {
            throw new IllegalStateException(name + ": cannot run ffmpeg: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + ": interrupted", e);
        }
    }

    static String tail(String text) {
        return text.length() <= 2000 ? text : text.substring(text.length() - 2000);
    }
}
