package dev.lectern.speech.audio;

import dev.lectern.infra.media.ChildProcesses;
import dev.lectern.infra.media.MediaTools;
import dev.lectern.infra.media.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lecture's speech as recognisers take it: 16 kHz mono signed 16-bit little-endian PCM without
 * a header (a WAV header is decoded as sound by some), plus the pauses ffmpeg's silencedetect
 * finds in the same pass. Read from the lecture's published audio, which is already loudness
 * normalised and mono, so it costs one cheap decode.
 */
public record SpeechAudio(Path pcm, double durationSeconds, List<Pause> pauses) {
    public static final int SAMPLE_RATE = 16_000;
    public static final int BYTES_PER_SECOND = SAMPLE_RATE * 2;

    /** Quieter than this for at least {@link #PAUSE_SECONDS} is a pause. */
    static final String SILENCE_THRESHOLD = "-35dB";

    static final double PAUSE_SECONDS = 0.25;

    private static final Pattern START = Pattern.compile("silence_start: (-?[0-9.]+)");
    private static final Pattern END = Pattern.compile("silence_end: ([0-9.]+)");

    /** Decodes {@code audio} into {@code workDir}; blocking (run it off the event loop). */
    public static SpeechAudio decode(MediaTools tools, Path audio, Path workDir, Duration limit)
            throws IOException {
        Path pcm = workDir.resolve("speech.pcm");
        Path log = workDir.resolve("silencedetect.log");
        List<String> command = new ArrayList<>(tools.ffmpegCommand());
        // silencedetect reports at the info level, which ffmpegCommand's quiet default hides.
        command.addAll(List.of("-loglevel", "info", "-nostats"));
        command.addAll(MediaTools.inputArgs(audio));
        command.addAll(
                List.of(
                        "-vn",
                        "-af",
                        "silencedetect=noise=" + SILENCE_THRESHOLD + ":d=" + PAUSE_SECONDS,
                        "-ac",
                        "1",
                        "-ar",
                        Integer.toString(SAMPLE_RATE),
                        "-c:a",
                        "pcm_s16le",
                        "-f",
                        "s16le",
                        pcm.toString()));
        Process process =
                ChildProcesses.start(
                        MediaTools.processBuilder(command)
                                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                                .redirectError(log.toFile()));
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                ProcessRunner.killTree(process);
                throw new IOException("decoding the lecture's audio took longer than " + limit);
            }
        } catch (InterruptedException e) {
            ProcessRunner.killTree(process);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while decoding the lecture's audio", e);
        }
        if (process.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log);
            throw new IOException(
                    "ffmpeg could not decode the lecture's audio: "
                            + String.join(
                                    " / ",
                                    lines.subList(Math.max(0, lines.size() - 3), lines.size())));
        }
        double duration = (double) Files.size(pcm) / BYTES_PER_SECOND;
        return new SpeechAudio(pcm, duration, pauses(Files.readAllLines(log), duration));
    }

    /** silencedetect's start/end lines as pauses; one still open at the end closes there. */
    static List<Pause> pauses(List<String> log, double duration) {
        List<Pause> pauses = new ArrayList<>();
        Double start = null;
        for (String line : log) {
            Matcher s = START.matcher(line);
            if (s.find()) {
                start = Math.max(0, Double.parseDouble(s.group(1)));
                continue;
            }
            Matcher e = END.matcher(line);
            if (e.find() && start != null) {
                pauses.add(new Pause(start, Double.parseDouble(e.group(1))));
                start = null;
            }
        }
        if (start != null && duration > start) {
            pauses.add(new Pause(start, duration));
        }
        return pauses;
    }

    /** Writes the samples from {@code from} to {@code to} seconds into {@code target}. */
    public void slice(double from, double to, Path target) throws IOException {
        long begin = sampleAligned(from);
        long end = Math.min(sampleAligned(to), Files.size(pcm));
        try (var in = java.nio.channels.FileChannel.open(pcm);
                var out =
                        java.nio.channels.FileChannel.open(
                                target,
                                java.nio.file.StandardOpenOption.CREATE,
                                java.nio.file.StandardOpenOption.WRITE,
                                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            long position = begin;
            while (position < end) {
                position += in.transferTo(position, end - position, out);
            }
        }
    }

    private static long sampleAligned(double seconds) {
        return Math.max(0, Math.round(seconds * SAMPLE_RATE)) * 2;
    }
}
