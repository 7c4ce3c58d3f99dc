package dev.lectern.catalog.caption;

/** One caption cue: when it shows, its WebVTT cue settings (may be empty) and its text. */
public record Cue(double startSeconds, double endSeconds, String settings, String text) {

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
