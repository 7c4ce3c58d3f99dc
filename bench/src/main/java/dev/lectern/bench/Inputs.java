package dev.lectern.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates the benchmark's sources with the bundled ffmpeg (lavfi), cached under the inputs
 * directory by their parameters so a second run skips the generation.
 */
final class Inputs {
    static final String FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    static final String FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

    /** Seconds each slide stays on screen, as in a lecture. */
    static final int SLIDE_SECONDS = 20;

    private static final String[] WORDS = {
        "analysis",
        "network",
        "protocol",
        "gradient",
        "variance",
        "memory",
        "theorem",
        "proof",
        "matrix",
        "vector",
        "kernel",
        "process",
        "thread",
        "latency",
        "storage",
        "function",
        "integral",
        "derivative",
        "entropy",
        "signal",
        "filter",
        "sampling",
        "frequency",
        "model",
        "regression",
        "estimate",
        "history",
        "culture",
        "economy",
        "market",
        "policy",
        "energy",
        "molecule",
        "protein",
        "enzyme",
        "reaction",
        "charge",
        "voltage",
        "current",
        "circuit",
        "compiler",
        "parser",
        "grammar",
        "syntax",
        "language",
        "semantic",
        "database",
        "index",
        "transaction",
        "concurrency",
        "algorithm",
        "complexity",
        "graph",
        "vertex",
        "edge",
        "search",
        "sorting",
        "binary",
        "balance",
        "pressure",
        "velocity",
        "momentum",
        "force",
        "quantum",
        "particle",
        "field",
        "wave",
        "optics",
        "lens",
        "image",
        "pixel",
        "contrast",
        "example",
        "exercise",
        "solution",
        "question",
        "answer",
        "chapter",
        "section",
        "lecture",
        "student",
        "teacher",
        "exam",
        "result",
        "method",
        "theory",
        "practice",
        "measure",
        "random",
        "normal",
        "sample",
        "population",
        "hypothesis",
        "evidence",
        "inference",
        "boundary",
        "condition",
        "system",
        "equation",
        "linear",
        "nonlinear",
        "stable",
        "limit"
    };

    private final Ffmpeg ffmpeg;
    private final Path dir;

    Inputs(Ffmpeg ffmpeg, Path dir) {
        this.ffmpeg = ffmpeg;
        this.dir = dir;
    }

    /** The words on slide {@code index}: a title line and dense body text, deterministic. */
    static List<String> slideLines(int index) {
        Random random = new Random(1000 + index);
        List<String> lines = new ArrayList<>();
        lines.add("Lecture " + (index + 1) + ": " + word(random) + " and " + word(random));
        for (int line = 0; line < 14; line++) {
            StringBuilder text = new StringBuilder(line % 4 == 0 ? "- " : "  ");
            while (text.length() < 62) {
                text.append(word(random)).append(' ');
            }
            lines.add(text.toString().strip());
        }
        return lines;
    }

    private static String word(Random random) {
        return WORDS[random.nextInt(WORDS.length)];
    }

    /**
     * A slide screencast: dense text slides changing every {@value #SLIDE_SECONDS} s, a pointer
     * moving over them, and speech-like narration (voiced harmonics in syllable bursts with
     * pauses), H.264 + AAC at 30 fps like a screen recorder writes it.
     */
    Path screencast(int width, int height, int seconds) throws IOException {
        Path out = dir.resolve("screencast-%dx%d-%ds.mp4".formatted(width, height, seconds));
        if (Files.isRegularFile(out)) {
            return out;
        }
        Path slides = Files.createDirectories(dir.resolve("slides-%dx%d".formatted(width, height)));
        int count = (seconds + SLIDE_SECONDS - 1) / SLIDE_SECONDS;
        StringBuilder list = new StringBuilder("ffconcat version 1.0\n");
        for (int i = 0; i < count; i++) {
            Path png = slide(slides, i, width, height);
            list.append("file '").append(png.toAbsolutePath()).append("'\n");
            list.append("duration ").append(SLIDE_SECONDS).append('\n');
        }
        list.append("file '").append(slide(slides, count - 1, width, height).toAbsolutePath());
        list.append("'\n");
        Path concat = slides.resolve("slides-" + seconds + ".ffconcat");
        Files.writeString(concat, list);
        int pointer = Math.max(8, height / 50);
        Path partial = dir.resolve(out.getFileName() + ".part.mp4");
        ffmpeg.run(
                "generate-" + out.getFileName(),
                List.of(
                        "-f",
                        "concat",
                        "-safe",
                        "0",
                        "-i",
                        concat.toString(),
                        "-f",
                        "lavfi",
                        "-i",
                        "color=c=0xD02020:s=%dx%d:r=30".formatted(pointer, pointer),
                        "-f",
                        "lavfi",
                        "-i",
                        "aevalsrc='" + SPEECH + "':s=48000:c=mono",
                        "-filter_complex",
                        // Convert each slide once, then repeat it: converting after fps costs 5×
                        // the time and gigabytes of queued RGB frames at 1080p.
                        "[0:v]format=yuv420p,fps=30[bg];[bg][1:v]overlay=x='W/2+W*0.35*sin(t*0.7)'"
                                + ":y='H/2+H*0.35*sin(t*0.53)':shortest=1,format=yuv420p[v]",
                        "-map",
                        "[v]",
                        "-map",
                        "2:a",
                        "-t",
                        Integer.toString(seconds),
                        "-c:v",
                        "libx264",
                        "-preset",
                        "ultrafast",
                        "-crf",
                        "18",
                        "-g",
                        "300",
                        "-c:a",
                        "aac",
                        "-b:a",
                        "96k",
                        "-movflags",
                        "+faststart",
                        partial.toString()));
        return Files.move(partial, out);
    }

    /** A 1-frame picture of slide {@code index}, rendered once per size. */
    private Path slide(Path slides, int index, int width, int height) throws IOException {
        Path png = slides.resolve("slide-%03d.png".formatted(index));
        if (Files.isRegularFile(png)) {
            return png;
        }
        List<String> lines = slideLines(index);
        Path title = slides.resolve("slide-%03d-title.txt".formatted(index));
        Path body = slides.resolve("slide-%03d-body.txt".formatted(index));
        Files.writeString(title, lines.getFirst());
        Files.writeString(body, String.join("\n", lines.subList(1, lines.size())));
        int size = Math.max(10, height * 34 / 1080);
        String graph =
                ("drawtext=fontfile=%s:textfile=%s:fontsize=%d:fontcolor=0x102060:x=%d:y=%d,"
                                + "drawtext=fontfile=%s:textfile=%s:fontsize=%d:fontcolor=black:x=%d:y=%d:line_spacing=%d")
                        .formatted(
                                FONT_BOLD,
                                title,
                                size * 3 / 2,
                                width / 20,
                                height / 14,
                                FONT,
                                body,
                                size,
                                width / 20,
                                height / 5,
                                size / 2);
        ffmpeg.run(
                "slide-" + index,
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        "color=c=0xF4F4EE:s=%dx%d".formatted(width, height),
                        "-vf",
                        graph,
                        "-frames:v",
                        "1",
                        png.toString()));
        return png;
    }

    /** Voiced harmonics around 140 Hz in ~4 syllables per second, pausing between phrases. */
    static final String SPEECH =
            "0.25*(sin(2*PI*(140+25*sin(2*PI*0.7*t))*t)+0.5*sin(4*PI*(140+25*sin(2*PI*0.7*t))*t)"
                    + "+0.3*sin(6*PI*(140+25*sin(2*PI*0.7*t))*t))*pow(abs(sin(2*PI*2*t)),2)"
                    + "*gt(sin(2*PI*0.23*t)+0.6,0)+0.01*(random(0)-0.5)";

    /**
     * Camera-like footage: drifting gradients under a moving cellular pattern with per-frame
     * sensor noise, so every frame changes everywhere (the opposite of slides), with a tone.
     */
    Path camera(int width, int height, int seconds) {
        Path out = dir.resolve("camera-%dx%d-%ds.mp4".formatted(width, height, seconds));
        if (Files.isRegularFile(out)) {
            return out;
        }
        Path partial = dir.resolve(out.getFileName() + ".part.mp4");
        ffmpeg.run(
                "generate-" + out.getFileName(),
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        // Rendered at a quarter of the size and scaled up: a smooth gradient
                        // looks the same, and at full size it cost most of the generation time.
                        "gradients=s=%dx%d:r=30:speed=0.015:n=4".formatted(width / 4, height / 4),
                        "-f",
                        "lavfi",
                        "-i",
                        "life=s=%dx%d:r=30:mold=8:ratio=0.3:life_color=0xC08040:death_color=0x303050"
                                .formatted(width / 4, height / 4),
                        "-f",
                        "lavfi",
                        "-i",
                        "aevalsrc='" + SPEECH + "':s=48000:c=mono",
                        "-filter_complex",
                        "[1:v]scale=%d:%d:flags=bicubic,format=yuv420p[cells];"
                                        .formatted(width, height)
                                + "[0:v]scale=%d:%d:flags=bicubic,format=yuv420p[bg];"
                                        .formatted(width, height)
                                + "[bg][cells]blend=all_mode=overlay:all_opacity=0.6,"
                                + "noise=alls=4:allf=t,format=yuv420p[v]",
                        "-map",
                        "[v]",
                        "-map",
                        "2:a",
                        "-t",
                        Integer.toString(seconds),
                        "-c:v",
                        "libx264",
                        "-preset",
                        "ultrafast",
                        "-crf",
                        "20",
                        "-c:a",
                        "aac",
                        "-b:a",
                        "96k",
                        "-movflags",
                        "+faststart",
                        partial.toString()));
        try {
            return Files.move(partial, out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A longer screencast made by repeating a shorter one without re-encoding. */
    /**
     * A screen recording as Chromium's MediaRecorder writes it: WebM with VP8 (realtime) and Opus,
     * written as a live stream, so it has no Cues and no duration.
     */
    Path recording(Path screencast, String name) throws IOException {
        Path out = dir.resolve(name);
        if (Files.isRegularFile(out)) {
            return out;
        }
        Path partial = dir.resolve(name + ".part.webm");
        ffmpeg.run(
                "record-" + name,
                List.of(
                        "-i",
                        screencast.toString(),
                        "-c:v",
                        "libvpx",
                        "-deadline",
                        "realtime",
                        "-cpu-used",
                        "8",
                        "-b:v",
                        "1500k",
                        "-g",
                        "120",
                        "-c:a",
                        "libopus",
                        "-b:a",
                        "64k",
                        "-f",
                        "webm",
                        "-live",
                        "1",
                        partial.toString()));
        return Files.move(partial, out);
    }

    Path repeated(Path source, int times, String name) throws IOException {
        return repeated(source, times, name, true);
    }

    /**
     * @param moovFirst whether the index goes to the front ({@code +faststart}); phones and OBS
     *     write it at the end, which a transcode must read through ranged reads
     */
    Path repeated(Path source, int times, String name, boolean moovFirst) throws IOException {
        Path out = dir.resolve(name);
        if (Files.isRegularFile(out)) {
            return out;
        }
        Path list = dir.resolve(name + ".ffconcat");
        StringBuilder text = new StringBuilder("ffconcat version 1.0\n");
        for (int i = 0; i < times; i++) {
            text.append("file '").append(source.toAbsolutePath()).append("'\n");
        }
        Files.writeString(list, text);
        Path partial = dir.resolve(name + ".part.mp4");
        ffmpeg.run(
                "concat-" + name,
                List.of(
                        "-f",
                        "concat",
                        "-safe",
                        "0",
                        "-i",
                        list.toString(),
                        "-c",
                        "copy",
                        "-movflags",
                        moovFirst ? "+faststart" : "-faststart",
                        partial.toString()));
        return Files.move(partial, out);
    }

    /** {@code bytes} of random data (what an upload benchmark sends; never media). */
    Path randomFile(long bytes) throws IOException {
        Path out = dir.resolve("random-" + bytes + ".bin");
        if (Files.isRegularFile(out) && Files.size(out) == bytes) {
            return out;
        }
        Random random = new Random(7);
        byte[] block = new byte[1 << 20];
        try (OutputStream stream = Files.newOutputStream(out)) {
            for (long written = 0; written < bytes; written += block.length) {
                random.nextBytes(block);
                stream.write(block, 0, (int) Math.min(block.length, bytes - written));
            }
        }
        return out;
    }
}
