package dev.lectern.catalog.caption;

import java.util.List;

/**
 * One caption cue: when it shows, its WebVTT cue settings (may be empty) and its text, with when
 * each word is spoken where a recogniser said so (empty otherwise).
 */
public record Cue(
        double startSeconds,
        double endSeconds,
        String settings,
        String text,
        List<SpokenWord> words) {

    public Cue {
        words = List.copyOf(words);
    }

    public Cue(double startSeconds, double endSeconds, String settings, String text) {
        this(startSeconds, endSeconds, settings, text, List.of());
    }

    /** The words without WebVTT markup ({@code <i>}, {@code <v Speaker>}), for search. */
    public String plainText() {
        return text.replaceAll("<[^>]*>", "")
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&nbsp;", " ")
                .strip();
    }
}
