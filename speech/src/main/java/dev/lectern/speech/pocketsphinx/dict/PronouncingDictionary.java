package dev.lectern.speech.pocketsphinx.dict;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CMU pronouncing dictionary as the decoder reads it: {@code word PH ONES}, alternates as
 * {@code word(2) ...}. Held only while a lecture's dictionary is built (134,723 entries).
 */
public final class PronouncingDictionary {
    private final Map<String, List<String>> pronunciations;

    private PronouncingDictionary(Map<String, List<String>> pronunciations) {
        this.pronunciations = pronunciations;
    }

    public static PronouncingDictionary read(Path file) throws IOException {
        Map<String, List<String>> pronunciations = new HashMap<>(200_000);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                int space = line.indexOf(' ');
                if (space <= 0) {
                    continue;
                }
                pronunciations
                        .computeIfAbsent(
                                baseWord(line.substring(0, space)), w -> new ArrayList<>(1))
                        .add(line.substring(space + 1).strip());
            }
        }
        return new PronouncingDictionary(pronunciations);
    }

    /** A word without its alternate-pronunciation suffix: {@code our(3)} is {@code our}. */
    public static String baseWord(String entry) {
        int paren = entry.indexOf('(');
        return paren > 0 && entry.endsWith(")") ? entry.substring(0, paren) : entry;
    }

    public boolean contains(String word) {
        return pronunciations.containsKey(word.toLowerCase(Locale.ROOT));
    }

    /** Its pronunciations (phones separated by spaces), the first the most common; may be empty. */
    public List<String> pronunciations(String word) {
        return pronunciations.getOrDefault(word.toLowerCase(Locale.ROOT), List.of());
    }

    /** The word read letter by letter ("TCP" as "T IY S IY P IY"), from the letters' entries. */
    public String spelled(String word) {
        List<String> phones = new ArrayList<>();
        for (char letter : word.toLowerCase(Locale.ROOT).toCharArray()) {
            List<String> letterSound = pronunciations(String.valueOf(letter));
            if (!letterSound.isEmpty()) {
                phones.add(letterSound.getFirst());
            }
        }
        return String.join(" ", phones);
    }

    /**
     * A made-up word spoken as two or three dictionary words of at least three letters each
     * ("heapsort" as heap + sort), the longest first part first; what is left when espeak-ng is
     * missing. Applies to about a third of new words, right for a third of those.
     */
    public String compound(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        for (int i = w.length() - 3; i >= 3; i--) {
            if (known(w.substring(0, i)) && known(w.substring(i))) {
                return first(w.substring(0, i)) + " " + first(w.substring(i));
            }
        }
        for (int i = 3; i <= w.length() - 6; i++) {
            for (int j = i + 3; j <= w.length() - 3; j++) {
                String a = w.substring(0, i);
                String b = w.substring(i, j);
                String c = w.substring(j);
                if (known(a) && known(b) && known(c)) {
                    return first(a) + " " + first(b) + " " + first(c);
                }
            }
        }
        return "";
    }

    private boolean known(String part) {
        return part.length() >= 3 && pronunciations.containsKey(part);
    }

    private String first(String part) {
        return pronunciations.get(part).getFirst();
    }
}
