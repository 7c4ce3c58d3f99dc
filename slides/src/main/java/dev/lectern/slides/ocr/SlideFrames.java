package dev.lectern.slides.ocr;

import dev.lectern.infra.media.MediaTools;
import dev.lectern.infra.media.ProcessResult;
import dev.lectern.infra.media.ProcessRunner;
import dev.lectern.slides.detect.Niced;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One full-resolution picture of a video at a moment, as a PNG for Tesseract. */
public final class SlideFrames {
    private static final String DEMUXERS = MediaTools.MEDIA_DEMUXERS + ",hls";

    private SlideFrames() {}

    /**
     * Writes the frame shown at {@code seconds} of {@code video} (a local file or a local copy of
     * an HLS rung) to {@code png}, under nice, with a time limit.
     */
    public static Path extract(
            MediaTools tools, Path video, double seconds, Path png, Duration timeLimit)
            throws IOException {
        List<String> command = new ArrayList<>(tools.ffmpegCommand());
        command.addAll(
                List.of(
                        "-threads",
                        "1",
                        "-ss",
                        String.format(Locale.ROOT, "%.3f", Math.max(0, seconds)),
                        "-protocol_whitelist",
                        "file",
                        "-format_whitelist",
                        DEMUXERS,
                        "-i",
                        "file:" + video.toAbsolutePath(),
                        "-map",
                        "0:v:0",
                        "-frames:v",
                        "1",
                        "-update",
                        "1",
                        "file:" + png.toAbsolutePath()));
        ProcessBuilder builder = MediaTools.processBuilder(command);
        builder.command(Niced.command(builder.command()));
        ProcessResult result;
        try {
            result = ProcessRunner.run(builder, timeLimit, 64 * 1024);
        } catch (ProcessRunner.TimeoutException e) {
            throw new IOException("taking a slide's picture took longer than " + timeLimit, e);
        }
        if (result.exitCode() != 0 || !Files.isRegularFile(png)) {
            throw new IOException(
                    "ffmpeg could not take the picture at "
                            + seconds
                            + " s: "
                            + result.stderrTail().strip());
        }
        return png;
    }
}
