package dev.lectern.catalog;

import java.util.Locale;

/**
 * Where a lecture is in its life: {@code awaiting_upload → uploading → queued → processing →
 * ready}, or {@code rejected} (the source is unusable) / {@code failed} (processing gave up).
 */
public enum LectureStatus {
    AWAITING_UPLOAD,
    UPLOADING,
    QUEUED,
    PROCESSING,
    READY,
    REJECTED,
    FAILED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LectureStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
