package dev.lectern.transcode.packaging;

import java.util.Locale;

/** Converts container language tags (ISO 639-2, "eng") to the RFC 5646 form manifests want ("en"). */
public final class Languages {
    private Languages() {}

    /** The shortest tag for an ISO 639 code, or {@code null} for none or an unknown one. */
    public static String rfc5646(String iso639) {
        if (iso639 == null || iso639.isBlank()) {
            return null;
        }
        String code = iso639.strip().toLowerCase(Locale.ROOT);
        if (code.length() == 2) {
            return code;
        }
        for (String two : Locale.getISOLanguages()) {
            if (Locale.of(two).getISO3Language().equals(code)) {
                return two;
            }
        }
        return code.matches("[a-z]{3}") ? code : null;
    }
}
