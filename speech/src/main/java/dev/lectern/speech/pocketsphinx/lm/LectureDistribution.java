package dev.lectern.speech.pocketsphinx.lm;

import dev.lectern.speech.pocketsphinx.LectureText;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * How likely each word of the lecture's own text is, as the lecture LM mixes it into the generic
 * one: unigrams over content words (function words are already likely), and bigrams over adjacent
 * words of one phrase, which make multi-word terms ("merge sort") come out whole.
 *
 * @param unigrams P_L(w), summing to one
 * @param bigrams P_L(w | h) keyed by {@code "h w"}
 * @param words every pronounceable lecture word, in order of appearance: each needs a unigram
 */
public record LectureDistribution(
        Map<String, Double> unigrams, Map<String, Double> bigrams, Set<String> words) {

    /** Function words, plus words every lecture's title has. */
    static final Set<String> STOP_WORDS =
            Set.of(
                    ("a an the and or but if of to in on at by for with from as is are was were be"
                                    + " been being it its this that these those we you he she they i"
                                    + " our your their his her them us me my do does did done not no"
                                    + " so than then there here what which who whom how why when"
                                    + " where all any each both few more most other some such only"
                                    + " own same too very can will just should now into over under"
                                    + " about after before between through during out up down off"
                                    + " again further once s t week lecture")
                            .split(" "));

    public static LectureDistribution of(LectureText text, Predicate<String> pronounceable) {
        Map<String, Double> unigramCounts = new LinkedHashMap<>();
        Map<String, Double> bigramCounts = new LinkedHashMap<>();
        Map<String, Double> historyCounts = new LinkedHashMap<>();
        Set<String> words = new LinkedHashSet<>();
        for (LectureText.Sequence sequence : text.sequences()) {
            List<String> lower =
                    sequence.tokens().stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
            for (String word : lower) {
                if (pronounceable.test(word)) {
                    words.add(word);
                    if (!STOP_WORDS.contains(word)) {
                        unigramCounts.merge(word, sequence.weight(), Double::sum);
                    }
                }
            }
            for (int i = 1; i < lower.size(); i++) {
                String history = lower.get(i - 1);
                String word = lower.get(i);
                boolean bothStopWords = STOP_WORDS.contains(history) && STOP_WORDS.contains(word);
                if (pronounceable.test(history) && pronounceable.test(word) && !bothStopWords) {
                    bigramCounts.merge(history + " " + word, sequence.weight(), Double::sum);
                    historyCounts.merge(history, sequence.weight(), Double::sum);
                }
            }
        }
        double total = unigramCounts.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Double> unigrams = new LinkedHashMap<>();
        unigramCounts.forEach((word, count) -> unigrams.put(word, count / total));
        Map<String, Double> bigrams = new LinkedHashMap<>();
        bigramCounts.forEach(
                (pair, count) ->
                        bigrams.put(
                                pair,
                                count / historyCounts.get(pair.substring(0, pair.indexOf(' ')))));
        // insertion order is kept so that the files written from it are the same every time
        return new LectureDistribution(
                Collections.unmodifiableMap(unigrams),
                Collections.unmodifiableMap(bigrams),
                Collections.unmodifiableSet(words));
    }
}
