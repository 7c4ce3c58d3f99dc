package dev.lectern.transcode.e2e;

import dev.lectern.testkit.TestMedia;
import java.nio.file.Path;
import java.util.List;

/** Generated sources for the end-to-end tests: small, but shaped like real lectures. */
final class Sources {
    private Sources() {}

    /**
     * Slides: a new test-pattern "slide" every 4 seconds, held still in between, at 30 fps, with
     * a tone for narration (as a screen recorder would write it).
     */
    static Path slides(Path dir, String name, int width, int height, double seconds) {
        Path out = dir.resolve(name);
        TestMedia.ffmpeg(
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        "testsrc=size=" + width + "x" + height + ":rate=0.25,fps=30",
                        "-f",
                        "lavfi",
                        "-i",
                        "sine=frequency=440:sample_rate=48000",
                        "-t",
                        Double.toString(seconds),
                        "-c:v",
                        "libx264",
                        "-preset",
                        "ultrafast",
                        "-crf",
                        "18",
                        "-pix_fmt",
                        "yuv420p",
                        "-c:a",
                        "aac",
                        "-b:a",
                        "96k",
                        "-ac",
                        "2",
                        "-shortest",
                        out.toString()));
        return out;
    }

    /** Camera-like footage: a moving pattern at 30 fps, no audio. */
    static Path silentCamera(Path dir, String name, int width, int height, double seconds) {
        Path out = dir.resolve(name);
        TestMedia.ffmpeg(
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        "testsrc2=size=" + width + "x" + height + ":rate=30",
                        "-t",
                        Double.toString(seconds),
                        "-c:v",
                        "libx264",
                        "-preset",
                        "ultrafast",
                        "-pix_fmt",
                        "yuv420p",
                        out.toString()));
        return out;
    }
}
