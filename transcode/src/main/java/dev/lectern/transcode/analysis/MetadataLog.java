package dev.lectern.transcode.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the files ffmpeg's metadata/ametadata filters print: {@code key=value} lines per frame. */
final class MetadataLog {
    private MetadataLog() {}

    static List<Double> values(Path file, String key) {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Double> values = new ArrayList<>();
        String prefix = key + "=";
        try (var lines = Files.lines(file)) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.startsWith(prefix)) {
                    try {
                        double value = Double.parseDouble(line.substring(prefix.length()).strip());
                        if (Double.isFinite(value)) {
                            values.add(value);
                        }
                    } catch (NumberFormatException e) {
                        // "-inf" for silence and similar: not a level we can average
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }
}
