package dev.lectern.catalog.caption;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * A named start time in a lecture, so students can jump to a topic.
 *
 * @param origin {@code teacher} or {@code slides} (one chapter per slide appearance, until a
 *     teacher edits them)
 * @param slideNumber the slide on screen at its start, when slides were found; null otherwise
 * @param thumbnail that slide's picture, a path under the lecture's folder; null without one
 */
public record Chapter(
        UUID id,
        String title,
        double startSeconds,
        String origin,
        Integer slideNumber,
        String thumbnail) {

    public static final String TEACHER = "teacher";
    public static final String SLIDES = "slides";

    /** As the chapters API answers it (the thumbnail needs a media token, so playback adds it). */
    public JsonObject toJson() {
        return new JsonObject()
                .put("id", id.toString())
                .put("title", title)
                .put("startSeconds", startSeconds)
                .put("origin", origin)
                .put("slideNumber", slideNumber);
    }

    /** From the JSON object {@link #SQL_JSON} builds. */
    public static Chapter fromJson(JsonObject json) {
        return new Chapter(
                UUID.fromString(json.getString("id")),
                json.getString("title"),
                json.getDouble("startSeconds"),
                json.getString("origin"),
                json.getInteger("slideNumber"),
                json.getString("thumbnail"));
    }

    /**
     * A chapter row {@code h} as a JSON object, with the thumbnail of its slide from a joined
     * {@code slides s}: for queries that return a lecture's chapters in one column.
     */
    public static final String SQL_JSON =
            "json_build_object('id', h.id, 'title', h.title, 'startSeconds', h.start_seconds,"
                    + " 'origin', h.origin, 'slideNumber', h.slide_number, 'thumbnail', s.thumbnail)";
}
