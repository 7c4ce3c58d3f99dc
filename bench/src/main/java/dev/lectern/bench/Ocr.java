package dev.lectern.bench;

import dev.lectern.transcode.ladder.VideoRung;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How much slide text survives in a rung: Tesseract reads the same instants from the source and
 * from the rung (scaled back up to the source size, as a player shows it full screen), and the
 * recall is the share of the words read in the source that are also read in the rung.
 */
final class Ocr {
    /** Word recall of the rung against the source, and of the source against the drawn text. */
    record Recall(double rungVsSource, double sourceVsTruth, int frames, int sourceWords) {}

    private Ocr() {}

    static boolean available() {
        try {
            Process p =
                    new ProcessBuilder("tesseract", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Recall recall(
            Bench bench,
            Path source,
            int width,
            int height,
            double seconds,
            VideoRung rung,
            Path rungPlaylist,
            Path dir)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int slides = (int) Math.ceil(seconds / Inputs.SLIDE_SECONDS);
        int frames = Math.min(bench.quick ? 2 : 8, slides);
        double rungRecall = 0;
        double sourceRecall = 0;
        int sourceWordCount = 0;
        for (int k = 0; k < frames; k++) {
            int slide = (int) ((long) k * slides / frames);
            double at =
                    Math.min(
                            seconds - 1, slide * Inputs.SLIDE_SECONDS + Inputs.SLIDE_SECONDS / 2.0);
            Path src = dir.resolve("source-" + slide + ".png");
            Path low = dir.resolve(rung.id() + "-" + slide + ".png");
            bench.ffmpeg.run(
                    "ocr-frame-source-" + slide,
                    List.of(
                            "-ss",
                            Double.toString(at),
                            "-i",
                            source.toString(),
                            "-frames:v",
                            "1",
                            src.toString()));
            bench.ffmpeg.run(
                    "ocr-frame-rung-" + slide,
                    List.of(
                            "-protocol_whitelist",
                            "file",
                            "-ss",
                            Double.toString(at),
                            "-i",
                            rungPlaylist.toString(),
                            "-frames:v",
                            "1",
                            "-vf",
                            "scale=%d:%d:flags=bicubic".formatted(width, height),
                            low.toString()));
            // Per frame: the same words recur across slides, so one pooled set would hide losses.
            Set<String> sourceWords = words(read(src));
            rungRecall += share(sourceWords, words(read(low)));
            sourceRecall += share(words(String.join(" ", Inputs.slideLines(slide))), sourceWords);
            sourceWordCount += sourceWords.size();
        }
        return new Recall(rungRecall / frames, sourceRecall / frames, frames, sourceWordCount);
    }

    private static double share(Set<String> reference, Set<String> found) {
        if (reference.isEmpty()) {
            return 0;
        }
        long hits = reference.stream().filter(found::contains).count();
        return (double) hits / reference.size();
    }

    static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        for (String token : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (token.length() >= 3) {
                words.add(token);
            }
        }
        return words;
    }

    private static String read(Path image) throws IOException, InterruptedException {
        ProcessBuilder builder =
                new ProcessBuilder("tesseract", image.toString(), "stdout", "--psm", "3")
                        .redirectError(ProcessBuilder.Redirect.DISCARD);
        // Debian's tesseract spreads one page over OpenMP threads that spin while they wait: on 2
        // cores a 1080p frame took 7.9 s that way and 1.2 s on one thread, with the same text.
        builder.environment().put("OMP_THREAD_LIMIT", "1");
        Process p = builder.start();
        String text =
                new String(
                        p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("tesseract failed on " + image);
        }
        return text;
    }
}
