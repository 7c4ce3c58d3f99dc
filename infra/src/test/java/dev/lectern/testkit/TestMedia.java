package dev.lectern.testkit;

import dev.lectern.infra.config.InfraConfig.MediaToolsConfig;
import dev.lectern.infra.media.MediaTools;
import dev.lectern.infra.media.ProcessResult;
import dev.lectern.infra.media.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates small media with the real ffmpeg (lavfi test sources and a tone), so tests never
 * depend on checked-in binaries.
 */
public final class TestMedia {
    private static MediaTools tools;

    private TestMedia() {}

    /** The bundled ffmpeg and ffprobe, located once per JVM. */
    public static synchronized MediaTools tools() {
        if (tools == null) {
            tools = MediaTools.locate(new MediaToolsConfig("", ""));
        }
        return tools;
    }

    /** A moving test pattern with a 440 Hz tone, H.264 + AAC in MP4. */
    public static Path videoWithTone(
            Path dir, String name, int width, int height, int fps, double seconds) {
        Path out = dir.resolve(name);
        ffmpeg(
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        "testsrc2=size=" + width + "x" + height + ":rate=" + fps,
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
                        "-pix_fmt",
                        "yuv420p",
                        "-c:a",
                        "aac",
                        "-b:a",
                        "64k",
                        "-shortest",
                        out.toString()));
        return out;
    }

    /**
     * A recording as Safari's MediaRecorder writes it: H.264 + AAC in a fragmented MP4 (an empty
     * moov, a fragment per keyframe, once a second), 640×360 at 30 fps.
     */
    public static Path safariRecording(Path dir, String name, double seconds) {
        Path out = dir.resolve(name);
        ffmpeg(
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        "testsrc2=size=640x360:rate=30",
                        "-f",
                        "lavfi",
                        "-i",
                        "sine=f=440:sample_rate=48000",
                        "-t",
                        Double.toString(seconds),
                        "-c:v",
                        "libx264",
                        "-preset",
                        "ultrafast",
                        "-g",
                        "30",
                        "-c:a",
                        "aac",
                        "-movflags",
                        "frag_keyframe+empty_moov+default_base_moof",
                        out.toString()));
        return out;
    }

    /**
     * A phone-style recording: 10-bit HEVC stored landscape with a 90° display rotation (and a tone
     * when {@code withAudio}), in a MOV tagged {@code hvc1} as phones write it.
     */
    public static Path rotatedPhoneVideo(
            Path dir, String name, int width, int height, double seconds, boolean withAudio) {
        Path hevc = dir.resolve(name + ".landscape.mp4");
        List<String> encode =
                new ArrayList<>(
                        List.of(
                                "-f",
                                "lavfi",
                                "-i",
                                "testsrc2=size=" + width + "x" + height + ":rate=30"));
        if (withAudio) {
            encode.addAll(List.of("-f", "lavfi", "-i", "sine=sample_rate=48000", "-c:a", "aac"));
        }
        encode.addAll(
                List.of(
                        "-t",
                        Double.toString(seconds),
                        "-c:v",
                        "libx265",
                        "-x265-params",
                        "log-level=error",
                        "-preset",
                        "ultrafast",
                        "-pix_fmt",
                        "yuv420p10le",
                        hevc.toString()));
        ffmpeg(encode);
        Path phone = dir.resolve(name);
        ffmpeg(
                List.of(
                        "-display_rotation",
                        "90",
                        "-i",
                        hevc.toString(),
                        "-c",
                        "copy",
                        "-tag:v",
                        "hvc1",
                        phone.toString()));
        return phone;
    }

    /** A tone alone, AAC in M4A: an audio-only source. */
    public static Path toneOnly(Path dir, String name, double seconds) {
        Path out = dir.resolve(name);
        ffmpeg(
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        "sine=frequency=300:sample_rate=48000",
                        "-t",
                        Double.toString(seconds),
                        "-c:a",
                        "aac",
                        "-b:a",
                        "64k",
                        out.toString()));
        return out;
    }

    /** Runs ffmpeg with the given arguments after the standard prefix; fails the test on error. */
    public static void ffmpeg(List<String> args) {
        List<String> command = new ArrayList<>(tools().ffmpegCommand());
        command.addAll(args);
        ProcessResult result =
                ProcessRunner.run(
                        MediaTools.processBuilder(command), Duration.ofMinutes(2), 1 << 20);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("ffmpeg failed: " + result.stderrTail());
        }
    }

    /** Runs ffprobe with JSON output on a file and returns the JSON text. */
    public static String probeJson(Path file) {
        List<String> command =
                List.of(
                        tools().ffprobe().toString(),
                        "-v",
                        "error",
                        "-of",
                        "json",
                        "-show_format",
                        "-show_streams",
                        file.toString());
        ProcessResult result =
                ProcessRunner.run(
                        MediaTools.processBuilder(command), Duration.ofMinutes(1), 4 << 20);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("ffprobe failed: " + result.stderrTail());
        }
        return result.stdout();
    }
}
