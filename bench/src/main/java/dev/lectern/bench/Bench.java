package dev.lectern.bench;

import dev.lectern.infra.config.InfraConfig.MediaToolsConfig;
import dev.lectern.infra.media.MediaTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What every benchmark of one run shares: the mode, the scratch directories, the bundled ffmpeg
 * and the sizes of the inputs (tiny in quick mode).
 */
final class Bench {
    final boolean quick;

    /** Whether time to playable includes its 60-minute point (about ten minutes of a full run). */
    boolean hourPoint = true;

    final Path work;
    final Path logs;
    final MediaTools tools;
    final Ffmpeg ffmpeg;
    final Inputs inputs;
    final Path lecternJar;

    Bench(boolean quick, Path work, Path inputsDir, Path lecternJar) throws IOException {
        this.quick = quick;
        this.work = Files.createDirectories(work);
        this.logs = Files.createDirectories(work.resolve("logs"));
        this.tools = MediaTools.locate(new MediaToolsConfig("", ""));
        this.ffmpeg = new Ffmpeg(tools, logs);
        this.inputs = new Inputs(ffmpeg, Files.createDirectories(inputsDir));
        this.lecternJar = lecternJar;
    }

    /** A new empty directory under the run's scratch directory. */
    Path dir(String name) throws IOException {
        Path dir = work.resolve(name);
        deleteTree(dir);
        return Files.createDirectories(dir);
    }

    /** Removes a scratch tree (uploads leave gigabytes behind). */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Screencast size: 1080p as the issue asks; quick mode keeps it but makes it short. */
    int screencastSeconds() {
        return quick ? 20 : 600;
    }

    int screencastWidth() {
        return quick ? 1280 : 1920;
    }

    int screencastHeight() {
        return quick ? 720 : 1080;
    }

    int cameraSeconds() {
        return quick ? 10 : 300;
    }

    int cameraWidth() {
        return quick ? 640 : 1280;
    }

    int cameraHeight() {
        return quick ? 360 : 720;
    }

    static void log(String message) {
        System.err.printf("[bench %tT] %s%n", System.currentTimeMillis(), message);
    }
}
