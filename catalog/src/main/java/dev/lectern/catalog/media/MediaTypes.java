package dev.lectern.catalog.media;

import java.util.Locale;
import java.util.Map;

/**
 * Content types and cache lifetimes of the files Lectern serves; transcode stores its outputs with
 * the same types.
 */
public final class MediaTypes {
    private static final Map<String, String> TYPES =
            Map.ofEntries(
                    Map.entry("m3u8", "application/vnd.apple.mpegurl"),
                    Map.entry("mpd", "application/dash+xml"),
                    Map.entry("m4s", "video/iso.segment"),
                    Map.entry("mp4", "video/mp4"),
                    Map.entry("m4a", "audio/mp4"),
                    Map.entry("m4v", "video/mp4"),
                    Map.entry("ts", "video/mp2t"),
                    Map.entry("aac", "audio/aac"),
                    Map.entry("vtt", "text/vtt; charset=utf-8"),
                    Map.entry("jpg", "image/jpeg"),
                    Map.entry("jpeg", "image/jpeg"),
                    Map.entry("png", "image/png"),
                    Map.entry("webp", "image/webp"));

    private MediaTypes() {}

    static String extension(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    public static String contentType(String path) {
        return TYPES.getOrDefault(extension(path), "application/octet-stream");
    }

    static boolean isRewritten(String path) {
        String ext = extension(path);
        return ext.equals("m3u8") || ext.equals("mpd") || path.endsWith("thumbs/thumbs.vtt");
    }

    /**
     * Files inside a version folder never change (a new processing run writes a new version), so
     * they are immutable. A caption file is rewritten when a teacher saves an edit, so players
     * revalidate it (its ETag answers 304 while it is unchanged). Rewritten playlists embed an
     * expiring token, so they stay fresh only briefly. Everything is private: the URL carries a
     * user's token.
     */
    static String cacheControl(String path) {
        if (isRewritten(path)) {
            return "private, max-age=60";
        }
        return path.startsWith("captions/")
                ? "private, no-cache"
                : "private, max-age=31536000, immutable";
    }
}
