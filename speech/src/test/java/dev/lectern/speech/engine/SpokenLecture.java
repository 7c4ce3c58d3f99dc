package dev.lectern.speech.engine;

import dev.lectern.infra.media.ProcessResult;
import dev.lectern.infra.media.ProcessRunner;
import dev.lectern.testkit.TestMedia;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A lecture spoken by espeak-ng ({@code en-us+f2}, 150 words a minute: the voice PocketSphinx
 * understands best of those tried), synthesised sentence by sentence and joined, so the start of
 * every sentence is known exactly; as 16 kHz mono s16le PCM, resampled by the bundled ffmpeg.
 */
public record SpokenLecture(Path pcm, String text, List<Double> sentenceStarts, double seconds) {

    public static final String VOICE = "en-us+f2";
    private static final int BYTES_PER_SECOND = 16_000 * 2;

    /**
     * ffmpeg arguments that encode raw speech ({@code pcm}: 16 kHz mono s16le) as an AAC file, the
     * way a lecture recording arrives.
     */
    public static List<String> aacArguments(Path pcm, Path target) {
        return List.of(
                "-f",
                "s16le",
                "-ar",
                "16000",
                "-ac",
                "1",
                "-i",
                pcm.toString(),
                "-c:a",
                "aac",
                "-b:a",
                "64k",
                "-y",
                target.toString());
    }

    public static boolean espeakInstalled() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "espeak-ng"))) {
                return true;
            }
        }
        return false;
    }

    public static SpokenLecture synthesise(List<String> sentences, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path pcm = dir.resolve("lecture.pcm");
        List<Double> starts = new ArrayList<>();
        long bytes = 0;
        try (OutputStream out = Files.newOutputStream(pcm)) {
            for (int i = 0; i < sentences.size(); i++) {
                Path wav = dir.resolve("sentence-" + i + ".wav");
                Path raw = dir.resolve("sentence-" + i + ".pcm");
                run(
                        List.of(
                                "espeak-ng",
                                "-v",
                                VOICE,
                                "-s",
                                "150",
                                "-w",
                                wav.toString(),
                                sentences.get(i)));
                TestMedia.ffmpeg(
                        List.of(
                                "-i",
                                wav.toString(),
                                "-ar",
                                "16000",
                                "-ac",
                                "1",
                                "-f",
                                "s16le",
                                "-acodec",
                                "pcm_s16le",
                                raw.toString()));
                starts.add((double) bytes / BYTES_PER_SECOND);
                bytes += Files.copy(raw, out);
                Files.delete(wav);
                Files.delete(raw);
            }
        }
        return new SpokenLecture(
                pcm,
                String.join(" ", sentences),
                List.copyOf(starts),
                (double) bytes / BYTES_PER_SECOND);
    }

    private static void run(List<String> command) {
        ProcessResult result =
                ProcessRunner.run(new ProcessBuilder(command), Duration.ofMinutes(1), 1 << 16);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(command.getFirst() + " failed: " + result.stderrTail());
        }
    }
}
