package dev.lectern.speech.pocketsphinx;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A job's own view of the acoustic model: symbolic links to the model's files, except feat.params,
 * which is a copy whose {@code -cmninit} line is rewritten before each chunk.
 */
final class AcousticModelCopy {
    private static final Pattern CMNINIT = Pattern.compile("(?m)^-cmninit\\s+\\S+\\s*$");

    private final Path dir;
    private final List<String> featureParams;

    private AcousticModelCopy(Path dir, List<String> featureParams) {
        this.dir = dir;
        this.featureParams = featureParams;
    }

    static AcousticModelCopy create(Path model, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(model)) {
            for (Path file : files) {
                if (!file.getFileName().toString().equals("feat.params")) {
                    // a job resumed after a crash prepares again in the same folder
                    Path link = dir.resolve(file.getFileName());
                    Files.deleteIfExists(link);
                    Files.createSymbolicLink(link, file.toAbsolutePath());
                }
            }
        }
        List<String> params = Files.readAllLines(model.resolve("feat.params"));
        return new AcousticModelCopy(dir, params);
    }

    /** The mean the model itself starts from. */
    CepstralMean initialMean() {
        for (String line : featureParams) {
            if (line.startsWith("-cmninit")) {
                return CepstralMean.parse(line.substring("-cmninit".length()));
            }
        }
        throw new IllegalStateException("the model's feat.params has no -cmninit line");
    }

    /** Makes the decoder start from {@code mean}; returns the model folder to give it. */
    Path startingFrom(CepstralMean mean) throws IOException {
        StringBuilder params = new StringBuilder();
        for (String line : featureParams) {
            params.append(CMNINIT.matcher(line).matches() ? "-cmninit " + mean : line).append('\n');
        }
        Files.writeString(dir.resolve("feat.params"), params);
        return dir;
    }
}
