package dev.lectern.transcode.ffmpeg;

import java.nio.file.Path;

/** Quoting for values inside an ffmpeg filter graph. */
public final class FilterText {
    private FilterText() {}

    /**
     * A path as a single-quoted filter option value. Inside single quotes only the quote itself is
     * special, and our scratch paths never contain one; refuse rather than mis-escape.
     */
    public static String quote(Path path) {
        String text = path.toAbsolutePath().toString();
        if (text.contains("'") || text.contains("\\")) {
            throw new IllegalArgumentException("unsupported character in work path: " + text);
        }
        return "'" + text + "'";
    }
}
