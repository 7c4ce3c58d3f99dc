package dev.lectern.slides.ocr;

import dev.lectern.infra.media.ChildProcesses;
import dev.lectern.infra.media.ProcessRunner;
import dev.lectern.slides.detect.Niced;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * The installed Tesseract 5 command-line program (Debian's {@code tesseract-ocr} with its
 * traineddata packages), run as a child process under {@code nice} with one OpenMP thread and a
 * time limit. docs/slides.md says why the program rather than the JavaCPP binding.
 */
public final class Tesseract {
    /** Mean grey (0–255) below which a slide is dark and inverted before reading. */
    static final int DARK_MEAN = 100;

    private static final int MAX_OUTPUT_BYTES = 4 << 20;

    private final Path executable;
    private final Set<String> languages;

    private Tesseract(Path executable, Set<String> languages) {
        this.executable = executable;
        this.languages = Collections.unmodifiableSet(languages);
    }

    /**
     * The installed tesseract, or empty (then slides get no text but chapters still come, titled
     * "Slide N").
     */
    public static Optional<Tesseract> locate() {
        Optional<Path> executable = Niced.find("tesseract");
        if (executable.isEmpty()) {
            return Optional.empty();
        }
        try {
            var result =
                    ProcessRunner.run(
                            new ProcessBuilder(executable.get().toString(), "--list-langs"),
                            Duration.ofSeconds(20),
                            64 * 1024);
            if (result.exitCode() != 0) {
                return Optional.empty();
            }
            Set<String> languages = new TreeSet<>();
            // "List of available languages in "/usr/share/tesseract-ocr/5/tessdata/" (2):", then
            // one per line
            for (String line : (result.stdout() + "\n" + result.stderrTail()).split("\n")) {
                String code = line.strip();
                if (code.matches("[a-z]{3}(_[a-z]+)*")) {
                    languages.add(code);
                }
            }
            return Optional.of(new Tesseract(executable.get(), languages));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** tesseract language codes with traineddata installed, e.g. [eng, osd]. */
    public Set<String> languages() {
        return languages;
    }

    /**
     * The traineddata code for a BCP 47 tag (en→eng, de→deu, fr→fra, es→spa, …), "eng" when
     * unknown or not installed.
     */
    public String languageFor(String bcp47) {
        String code = Languages.tesseractCode(bcp47);
        return code != null && languages.contains(code) ? code : "eng";
    }

    /**
     * Reads one slide picture (PNG at full resolution), under nice, with a time limit; dark slides
     * are inverted first.
     */
    public SlideText read(Path png, String language, Duration timeLimit)
            throws IOException, InterruptedException {
        BufferedImage image = ImageIO.read(png.toFile());
        if (image == null) {
            throw new IOException(png + " is not a picture ImageIO can read");
        }
        Path input = png;
        Path inverted = null;
        if (meanGrey(image) < DARK_MEAN) {
            inverted = Files.createTempFile("lectern-slide-", ".png");
            ImageIO.write(invert(image), "png", inverted.toFile());
            input = inverted;
        }
        try {
            String lang = languages.contains(language) ? language : "eng";
            String tsv =
                    run(
                            List.of(
                                    executable.toString(),
                                    input.toString(),
                                    "stdout",
                                    "-l",
                                    lang,
                                    "--psm",
                                    "3",
                                    // Sauvola's local threshold: Otsu's global one turned a
                                    // coloured title band black, title and all.
                                    "-c",
                                    "thresholding_method=2",
                                    "tsv"),
                            timeLimit);
            List<OcrLines.Line> lines = OcrLines.parse(tsv);
            return new SlideText(OcrLines.title(lines, image.getHeight()), OcrLines.text(lines));
        } finally {
            if (inverted != null) {
                Files.deleteIfExists(inverted);
            }
        }
    }

    private static String run(List<String> command, Duration timeLimit)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Niced.command(command));
        // Debian's tesseract spreads a page over OpenMP threads that spin while they wait: on two
        // cores a 1080p slide took 7.9 s that way and 1.2 s on one thread, with the same text.
        builder.environment().put("OMP_THREAD_LIMIT", "1");
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = ChildProcesses.start(builder);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader =
                Thread.ofVirtual()
                        .start(
                                () -> {
                                    byte[] chunk = new byte[8192];
                                    try (InputStream in = process.getInputStream()) {
                                        int n;
                                        while ((n = in.read(chunk)) >= 0) {
                                            if (out.size() < MAX_OUTPUT_BYTES) {
                                                out.write(chunk, 0, n);
                                            }
                                        }
                                    } catch (IOException e) {
                                        // killed: what was read is what there is
                                    }
                                });
        try {
            if (!process.waitFor(timeLimit.toMillis(), TimeUnit.MILLISECONDS)) {
                ProcessRunner.killTree(process);
                throw new IOException(
                        String.format(
                                Locale.ROOT,
                                "tesseract ran longer than %.1f s",
                                timeLimit.toMillis() / 1000.0));
            }
            reader.join();
        } catch (InterruptedException e) {
            ProcessRunner.killTree(process);
            throw e;
        }
        if (process.exitValue() != 0) {
            throw new IOException("tesseract exited with " + process.exitValue());
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static double meanGrey(BufferedImage image) {
        long sum = 0;
        long count = 0;
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                int rgb = image.getRGB(x, y);
                sum +=
                        (((rgb >> 16) & 0xff) * 299
                                        + ((rgb >> 8) & 0xff) * 587
                                        + (rgb & 0xff) * 114)
                                / 1000;
                count++;
            }
        }
        return count == 0 ? 255 : (double) sum / count;
    }

    static BufferedImage invert(BufferedImage image) {
        BufferedImage out =
                new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                out.setRGB(x, y, ~image.getRGB(x, y) & 0xffffff);
            }
        }
        return out;
    }
}
