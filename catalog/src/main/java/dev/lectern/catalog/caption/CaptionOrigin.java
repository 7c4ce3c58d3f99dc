package dev.lectern.catalog.caption;

import java.util.Locale;

/** Where a caption track came from. */
public enum CaptionOrigin {
    /** A teacher uploaded an SRT or WebVTT file. */
    UPLOADED,
    /** Speech recognition made it from the lecture's audio. */
    AUTOMATIC,
    /** It came with a webinar recording (Zoom's transcript, BigBlueButton's captions). */
    IMPORTED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CaptionOrigin fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
