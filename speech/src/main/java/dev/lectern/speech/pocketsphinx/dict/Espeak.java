package dev.lectern.speech.pocketsphinx.dict;

import dev.lectern.infra.media.ProcessResult;
import dev.lectern.infra.media.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pronounces words with espeak-ng (US English), as ARPAbet phones. Words keep their case: espeak
 * spells capitals ("TCP") letter by letter. All words go to one espeak-ng run, each as a sentence
 * of its own, so that each comes back on a line of its own.
 */
public record Espeak(Path executable) {

    private static final Duration TIME_LIMIT = Duration.ofMinutes(1);

    /** Pronunciations by word; a word espeak could not pronounce is missing from the map. */
    public Map<String, List<String>> pronounce(List<String> words, Path workDir)
            throws IOException {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (words.isEmpty()) {
            return result;
        }
        List<String> lines = run(words, workDir);
        if (lines.size() != words.size()) {
            // espeak merged or split a sentence: ask again word by word
            for (String word : words) {
                List<String> one = run(List.of(word), workDir);
                if (one.size() == 1) {
                    IpaToArpabet.phones(one.getFirst()).ifPresent(p -> result.put(word, p));
                }
            }
            return result;
        }
        for (int i = 0; i < words.size(); i++) {
            Optional<List<String>> phones = IpaToArpabet.phones(lines.get(i));
            int index = i;
            phones.ifPresent(p -> result.put(words.get(index), p));
        }
        return result;
    }

    private List<String> run(List<String> words, Path workDir) throws IOException {
        Path text = Files.createTempFile(workDir, "espeak-", ".txt");
        try {
            Files.writeString(text, String.join(".\n", words) + ".\n", StandardCharsets.UTF_8);
            ProcessResult result =
                    ProcessRunner.run(
                            new ProcessBuilder(
                                    executable.toString(),
                                    "-q",
                                    "-v",
                                    "en-us",
                                    "--ipa",
                                    "--sep= ",
                                    "-f",
                                    text.toString()),
                            TIME_LIMIT,
                            1 << 20);
            if (result.exitCode() != 0) {
                throw new IOException(
                        "espeak-ng exited with " + result.exitCode() + ": " + result.stderrTail());
            }
            List<String> lines = new ArrayList<>();
            for (String line : result.stdout().split("\n")) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
            return lines;
        } finally {
            Files.deleteIfExists(text);
        }
    }
}
