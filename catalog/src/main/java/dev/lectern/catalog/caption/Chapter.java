package dev.lectern.catalog.caption;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** A named start time in a lecture, so students can jump to a topic. */
public record Chapter(UUID id, String title, double startSeconds) {

    public JsonObject toJson() {
        return new JsonObject()
                .put("id", id.toString())
                .put("title", title)
                .put("startSeconds", startSeconds);
    }
}
