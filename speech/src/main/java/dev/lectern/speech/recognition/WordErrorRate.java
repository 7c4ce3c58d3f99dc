package dev.lectern.speech.recognition;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Word error rate: the substitutions, deletions and insertions that turn a hypothesis into the
 * reference, over the reference's length (what NIST's sclite reports). Words are compared after
 * lower-casing and dropping punctuation, since engines differ in both.
 */
public final class WordErrorRate {
    private WordErrorRate() {}

    public static double of(String reference, String hypothesis) {
        List<String> ref = normalise(reference);
        List<String> hyp = normalise(hypothesis);
        if (ref.isEmpty()) {
            return hyp.isEmpty() ? 0 : 1;
        }
        return (double) editDistance(ref, hyp) / ref.size();
    }

    /** Lower-case words without punctuation (apostrophes inside words are kept). */
    public static List<String> normalise(String text) {
        return Arrays.stream(
                        text.toLowerCase(Locale.ROOT)
                                .replaceAll("[^\\p{L}\\p{N}' ]+", " ")
                                .replaceAll("(^| )'+|'+( |$)", " ")
                                .strip()
                                .split("\\s+"))
                .filter(w -> !w.isEmpty())
                .toList();
    }

    static int editDistance(List<String> ref, List<String> hyp) {
        int[] previous = new int[hyp.size() + 1];
        int[] current = new int[hyp.size() + 1];
        for (int j = 0; j <= hyp.size(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= ref.size(); i++) {
            current[0] = i;
            for (int j = 1; j <= hyp.size(); j++) {
                int substitution =
                        previous[j - 1] + (ref.get(i - 1).equals(hyp.get(j - 1)) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[hyp.size()];
    }
}
