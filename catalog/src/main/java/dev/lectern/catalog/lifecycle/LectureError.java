package dev.lectern.catalog.lifecycle;

/**
 * Why a lecture was rejected or failed, as its teacher reads it: a stable code (the name of the
 * module's problem, such as {@code CORRUPT_MEDIA}) and a message in plain words.
 */
public record LectureError(String code, String message) {
    public LectureError {
        if (code == null || code.isBlank() || message == null) {
            throw new IllegalArgumentException("a lecture error needs a code and a message");
        }
    }
}
