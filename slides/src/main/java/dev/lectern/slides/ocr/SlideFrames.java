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

/**
 * One full-resolution picture of a video at a moment, as a PNG for Tesseract, and the small JPEG
 * students see of it.
 */
public final class SlideFrames {
    private static final String DEMUXERS = MediaTools.MEDIA_DEMUXERS + ",hls";

    static final int THUMBNAIL_WIDTH = 320;

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
        run(command, png, timeLimit, "take the picture at " + seconds + " s");
        return png;
    }

    /** A {@value #THUMBNAIL_WIDTH}-pixel-wide JPEG of a slide's picture, for lists and search. */
    public static Path thumbnail(MediaTools tools, Path png, Path jpg, Duration timeLimit)
            throws IOException {
        List<String> command = new ArrayList<>(tools.ffmpegCommand());
        command.addAll(
                List.of(
                        "-threads",
                        "1",
                        "-protocol_whitelist",
                        "file",
                        "-i",
                        "file:" + png.toAbsolutePath(),
                        "-vf",
                        "scale=" + THUMBNAIL_WIDTH + ":-2",
                        "-q:v",
                        "4",
                        "-frames:v",
                        "1",
                        "-update",
                        "1",
                        "file:" + jpg.toAbsolutePath()));
        run(command, jpg, timeLimit, "make a slide's thumbnail");
        return jpg;
    }

    private static void run(List<String> command, Path output, Duration timeLimit, String what)
            throws IOException {
        ProcessBuilder builder = MediaTools.processBuilder(command);
        builder.command(Niced.command(builder.command()));
        ProcessResult result;
        try {
            result = ProcessRunner.run(builder, timeLimit, 64 * 1024);
        } catch (ProcessRunner.TimeoutException e) {
            throw new IOException("ffmpeg took longer than " + timeLimit + " to " + what, e);
        }
        if (result.exitCode() != 0 || !Files.isRegularFile(output)) {
            throw new IOException("ffmpeg could not " + what + ": " + result.stderrTail().strip());
        }
    }
}
