package dev.lectern.speech.pocketsphinx.dict;

import dev.lectern.speech.pocketsphinx.LectureText;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pronunciations a lecture adds to the CMU dictionary: every word of its text the dictionary
 * lacks (from espeak-ng, else as two or three known words, else spelled), the spelled form of
 * short acronyms (espeak reads some as words: ATP as "at-p"), and espeak's own pronunciation of
 * glossary words the dictionary has, when it differs. A word the decoder cannot pronounce it can
 * never output, and the glossary is what matters most.
 */
public final class LectureDictionary {
    private static final int LONGEST_ACRONYM = 5;

    private final PronouncingDictionary cmu;

    /** Pronunciations added per lower-case word, in order, without the dictionary's own. */
    private final Map<String, List<String>> added = new LinkedHashMap<>();

    private LectureDictionary(PronouncingDictionary cmu) {
        this.cmu = cmu;
    }

    public static LectureDictionary build(
            LectureText text, PronouncingDictionary cmu, Optional<Espeak> espeak, Path workDir)
            throws IOException {
        LectureDictionary dictionary = new LectureDictionary(cmu);
        Map<String, String> written = new LinkedHashMap<>(); // lower case -> as written
        Set<String> acronyms = new LinkedHashSet<>();
        for (LectureText.Sequence sequence : text.sequences()) {
            for (String token : sequence.tokens()) {
                String word = token.toLowerCase(Locale.ROOT);
                if (isAcronym(token)) {
                    acronyms.add(word);
                    written.put(word, token);
                } else {
                    written.putIfAbsent(word, token);
                }
            }
        }
        Set<String> glossaryWords = new LinkedHashSet<>();
        text.glossaryTerms()
                .forEach(term -> term.forEach(t -> glossaryWords.add(t.toLowerCase(Locale.ROOT))));

        List<String> toAsk = new ArrayList<>();
        written.forEach(
                (word, token) -> {
                    if (!cmu.contains(word) || glossaryWords.contains(word)) {
                        toAsk.add(token);
                    }
                });
        Map<String, List<String>> fromEspeak =
                espeak.isPresent() ? espeak.get().pronounce(toAsk, workDir) : Map.of();

        written.forEach(
                (word, token) -> {
                    List<String> phones = fromEspeak.get(token);
                    String espeakPhones = phones == null ? "" : String.join(" ", phones);
                    if (!cmu.contains(word)) {
                        dictionary.add(
                                word,
                                firstNonEmpty(espeakPhones, cmu.compound(word), cmu.spelled(word)));
                    } else if (glossaryWords.contains(word)) {
                        dictionary.add(word, espeakPhones);
                    }
                    if (acronyms.contains(word)) {
                        dictionary.add(word, cmu.spelled(word));
                    }
                });
        return dictionary;
    }

    /** Whether the decoder can say {@code word} (lower case) with this dictionary. */
    public boolean pronounceable(String word) {
        return cmu.contains(word) || added.containsKey(word);
    }

    /** Words the CMU dictionary lacks that this lecture adds. */
    public Set<String> newWords() {
        Set<String> words = new LinkedHashSet<>();
        added.keySet().stream().filter(w -> !cmu.contains(w)).forEach(words::add);
        return Collections.unmodifiableSet(words);
    }

    /** The pronunciations this lecture adds to {@code word}, beyond the dictionary's own. */
    public List<String> added(String word) {
        return added.getOrDefault(word, List.of());
    }

    /** Writes the CMU dictionary with this lecture's entries after it. */
    public void write(Path cmuFile, Path out) throws IOException {
        Files.copy(cmuFile, out, StandardCopyOption.REPLACE_EXISTING);
        try (Writer writer =
                Files.newBufferedWriter(out, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
            for (Map.Entry<String, List<String>> entry : added.entrySet()) {
                int number = cmu.pronunciations(entry.getKey()).size();
                for (String phones : entry.getValue()) {
                    number++;
                    String name =
                            number == 1 ? entry.getKey() : entry.getKey() + "(" + number + ")";
                    writer.write(name + " " + phones + "\n");
                }
            }
        }
    }

    private void add(String word, String phones) {
        if (phones.isEmpty() || cmu.pronunciations(word).contains(phones)) {
            return;
        }
        List<String> list = added.computeIfAbsent(word, w -> new ArrayList<>());
        if (!list.contains(phones)) {
            list.add(phones);
        }
    }

    /** espeak-ng's pronunciation, else known words, else the letters. */
    private static String firstNonEmpty(String espeak, String compound, String spelled) {
        return !espeak.isEmpty() ? espeak : !compound.isEmpty() ? compound : spelled;
    }

    private static boolean isAcronym(String token) {
        return token.length() >= 2
                && token.length() <= LONGEST_ACRONYM
                && token.chars().allMatch(Character::isUpperCase);
    }
}
