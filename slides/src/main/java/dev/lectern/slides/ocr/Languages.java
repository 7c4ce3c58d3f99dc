package dev.lectern.slides.ocr;

import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;

/** BCP 47 language tags as Tesseract's traineddata names them. */
final class Languages {
    /** Where Tesseract's names differ from ISO 639-2/T (which Locale gives for the rest). */
    private static final Map<String, String> SPECIAL =
            Map.ofEntries(
                    Map.entry("zh", "chi_sim"),
                    Map.entry("zh-hant", "chi_tra"),
                    Map.entry("zh-tw", "chi_tra"),
                    Map.entry("zh-hk", "chi_tra"),
                    Map.entry("nb", "nor"),
                    Map.entry("nn", "nor"),
                    Map.entry("no", "nor"),
                    Map.entry("ms", "msa"),
                    Map.entry("sr-latn", "srp_latn"),
                    Map.entry("az-cyrl", "aze_cyrl"),
                    Map.entry("uz-cyrl", "uzb_cyrl"),
                    Map.entry("fil", "fil"),
                    Map.entry("tl", "tgl"));

    private Languages() {}

    /** The traineddata code for a tag, or null when there is none to guess. */
    static String tesseractCode(String bcp47) {
        if (bcp47 == null || bcp47.isBlank()) {
            return null;
        }
        Locale locale = Locale.forLanguageTag(bcp47.strip().replace('_', '-'));
        String language = locale.getLanguage();
        if (language.isEmpty()) {
            return null;
        }
        String script = locale.getScript().toLowerCase(Locale.ROOT);
        String region = locale.getCountry().toLowerCase(Locale.ROOT);
        for (String key :
                new String[] {language + "-" + script, language + "-" + region, language}) {
            String special = SPECIAL.get(key);
            if (special != null) {
                return special;
            }
        }
        try {
            String code = locale.getISO3Language();
            return code.isEmpty() ? null : code;
        } catch (MissingResourceException e) {
            return null;
        }
    }
}
