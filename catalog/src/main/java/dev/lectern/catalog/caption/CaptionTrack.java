package dev.lectern.catalog.caption;

import dev.lectern.catalog.api.Responses;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A lecture's caption track in one language; {@code isDefault} is shown without being chosen. */
public record CaptionTrack(
        UUID id,
        String language,
        String label,
        boolean isDefault,
        int cueCount,
        OffsetDateTime createdAt) {

    public JsonObject toJson() {
        return new JsonObject()
                .put("id", id.toString())
                .put("language", language)
                .put("label", label)
                .put("default", isDefault)
                .put("cueCount", cueCount)
                .put("createdAt", Responses.time(createdAt));
    }
}
