package dev.lectern.catalog.lecture;

import java.util.Locale;
import java.util.Map;

/**
 * Which PostgreSQL text-search configuration suits a lecture's language, so "lectures" finds
 * "lecture" in English and "Vorlesungen" finds "Vorlesung" in German. Languages PostgreSQL has no
 * stemmer for use {@code simple} (lower-casing only), which still matches exact words.
 */
public final class SearchConfigs {
    public static final String FALLBACK = "simple";

    // Only configurations shipped by every supported PostgreSQL release (13 and later).
    private static final Map<String, String> BY_PRIMARY_SUBTAG =
            Map.ofEntries(
                    Map.entry("ar", "arabic"),
                    Map.entry("da", "danish"),
                    Map.entry("nl", "dutch"),
                    Map.entry("en", "english"),
                    Map.entry("fi", "finnish"),
                    Map.entry("fr", "french"),
                    Map.entry("de", "german"),
                    Map.entry("el", "greek"),
                    Map.entry("hu", "hungarian"),
                    Map.entry("id", "indonesian"),
                    Map.entry("ga", "irish"),
                    Map.entry("it", "italian"),
                    Map.entry("lt", "lithuanian"),
                    Map.entry("ne", "nepali"),
                    Map.entry("no", "norwegian"),
                    Map.entry("nb", "norwegian"),
                    Map.entry("nn", "norwegian"),
                    Map.entry("pt", "portuguese"),
                    Map.entry("ro", "romanian"),
                    Map.entry("ru", "russian"),
                    Map.entry("sr", "serbian"),
                    Map.entry("es", "spanish"),
                    Map.entry("sv", "swedish"),
                    Map.entry("ta", "tamil"),
                    Map.entry("tr", "turkish"));

    private SearchConfigs() {}

    /** The configuration name for a BCP 47 tag (null or unknown: {@code simple}). */
    public static String forLanguage(String languageTag) {
        if (languageTag == null || languageTag.isBlank()) {
            return FALLBACK;
        }
        String primary = languageTag.split("-", 2)[0].toLowerCase(Locale.ROOT);
        return BY_PRIMARY_SUBTAG.getOrDefault(primary, FALLBACK);
    }
}
