package dev.lectern.catalog.lecture;

import io.vertx.core.json.JsonArray;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * When a searched word is spoken inside a cue: a recognised cue knows each word's time, so a hit
 * can land on the word rather than on the start of its (up to seven second) cue. Words match by
 * a common beginning of at least four letters, as full-text search matches "sorting" to "sort".
 */
final class SpokenMoment {
    private static final int STEM = 4;

    private SpokenMoment() {}

    /**
     * @param words {@code [[start, end, "word"], ...]} of the cue, or null for a cue without them
     * @return the start of the first spoken word the query names, else {@code cueStart}
     */
    static double of(String query, double cueStart, JsonArray words) {
        if (words == null) {
            return cueStart;
        }
        List<String> terms = normalise(query);
        for (int i = 0; i < words.size(); i++) {
            JsonArray word = words.getJsonArray(i);
            String spoken = normalise(word.getString(2)).stream().findFirst().orElse("");
            for (String term : terms) {
                if (matches(spoken, term)) {
                    return word.getDouble(0);
                }
            }
        }
        return cueStart;
    }

    private static boolean matches(String spoken, String term) {
        if (spoken.equals(term)) {
            return true;
        }
        int common = Math.min(Math.min(spoken.length(), term.length()), STEM);
        return common >= STEM && spoken.regionMatches(0, term, 0, common);
    }

    private static List<String> normalise(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> !w.isEmpty())
                .toList();
    }
}
