package dev.lectern.catalog.caption;

/** A caption file that cannot be read, with the 1-based line where the trouble is. */
public final class CaptionFormatException extends Exception {
    private final int line;

    public CaptionFormatException(int line, String message) {
        super(message, null, false, false);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
