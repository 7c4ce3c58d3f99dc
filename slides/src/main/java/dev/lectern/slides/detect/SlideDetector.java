package dev.lectern.slides.detect;

import dev.lectern.infra.media.ChildProcesses;
import dev.lectern.infra.media.MediaTools;
import dev.lectern.infra.media.ProcessRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleConsumer;

/**
 * Finds the slides of a screencast from a small grey picture: ffmpeg decodes the video (ideally
 * the lowest rung, which is cheap to decode), keeps {@value Thresholds#FPS} frames a second scaled
 * to {@value Thresholds#WIDTH}×{@value Thresholds#HEIGHT} grey, and pipes them here; {@link
 * StillRuns} finds where the picture stays still and {@link SlideSequence} what each still
 * picture is. docs/slides.md explains the method and its thresholds.
 */
public final class SlideDetector {
    /** Demuxers a local video or a local copy of an HLS rung (playlist, init, segments) needs. */
    static final String DEMUXERS = MediaTools.MEDIA_DEMUXERS + ",hls";

    private SlideDetector() {}

    /**
     * Scans a video ffmpeg can read as a local file (e.g. a local copy of the lowest rung's HLS
     * playlist with its init and segments, or an MP4), blocking; empty list for camera footage / no
     * stable slides.
     */
    public static List<DetectedSlide> detect(
            MediaTools tools,
            Path video,
            double durationSeconds,
            Duration timeLimit,
            DoubleConsumer progressPercent)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(tools.ffmpegCommand());
        command.addAll(
                List.of(
                        "-threads",
                        "1",
                        "-protocol_whitelist",
                        "file",
                        "-format_whitelist",
                        DEMUXERS,
                        "-i",
                        "file:" + video.toAbsolutePath(),
                        "-map",
                        "0:v:0",
                        "-an",
                        "-sn",
                        "-dn",
                        "-filter_threads",
                        "1",
                        "-vf",
                        String.format(
                                Locale.ROOT,
                                "setpts=PTS-STARTPTS,fps=%d,scale=%d:%d:flags=area,format=gray",
                                Thresholds.FPS,
                                Thresholds.WIDTH,
                                Thresholds.HEIGHT),
                        "-f",
                        "rawvideo",
                        "-pix_fmt",
                        "gray",
                        "pipe:1"));
        ProcessBuilder builder = MediaTools.processBuilder(command);
        builder.command(Niced.command(builder.command()));
        Path log = Files.createTempFile("lectern-slides-", ".log");
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectError(log.toFile());
        Process process = ChildProcesses.start(builder);
        AtomicBoolean timedOut = new AtomicBoolean();
        Thread watchdog =
                Thread.ofVirtual()
                        .start(
                                () -> {
                                    try {
                                        if (!process.waitFor(
                                                timeLimit.toMillis(), TimeUnit.MILLISECONDS)) {
                                            timedOut.set(true);
                                            ProcessRunner.killTree(process);
                                        }
                                    } catch (InterruptedException e) {
                                        ProcessRunner.killTree(process);
                                    }
                                });
        StillRuns stillRuns = new StillRuns(minStillFrames());
        try (InputStream frames = process.getInputStream()) {
            double expectedFrames = Math.max(1, durationSeconds * Thresholds.FPS);
            int lastPercent = -1;
            while (true) {
                byte[] frame = frames.readNBytes(StillRuns.FRAME_BYTES);
                if (frame.length < StillRuns.FRAME_BYTES) {
                    break;
                }
                if (Thread.interrupted()) {
                    ProcessRunner.killTree(process);
                    throw new InterruptedException("slide detection was interrupted");
                }
                stillRuns.accept(frame);
                int percent = (int) Math.min(99, 100 * stillRuns.frames() / expectedFrames);
                if (percent != lastPercent) {
                    lastPercent = percent;
                    progressPercent.accept(percent);
                }
            }
            int exit = process.waitFor();
            if (timedOut.get()) {
                throw new IOException("slide detection ran longer than " + timeLimit);
            }
            if (exit != 0) {
                throw new IOException(
                        "ffmpeg could not decode " + video.getFileName() + ": " + tail(log));
            }
        } finally {
            watchdog.interrupt();
            if (process.isAlive()) {
                ProcessRunner.killTree(process);
            }
            Files.deleteIfExists(log);
        }
        List<StillRuns.Run> runs = stillRuns.finish();
        progressPercent.accept(100);
        double end =
                durationSeconds > 0
                        ? durationSeconds
                        : (double) stillRuns.frames() / Thresholds.FPS;
        return SlideSequence.of(runs, end);
    }

    static int minStillFrames() {
        return (int) Math.round(Thresholds.MIN_STILL_SECONDS * Thresholds.FPS);
    }

    private static String tail(Path log) throws IOException {
        String text = Files.readString(log, StandardCharsets.UTF_8).strip();
        return text.length() <= 500 ? text : text.substring(text.length() - 500);
    }
}
