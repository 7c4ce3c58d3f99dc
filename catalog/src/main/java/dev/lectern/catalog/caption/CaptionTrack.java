package dev.lectern.catalog.caption;

import dev.lectern.catalog.api.Responses;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A lecture's caption track in one language; {@code isDefault} is shown without being chosen.
 * {@code revision} counts the saves of its cues (1 when it was made).
 */
public record CaptionTrack(
        UUID id,
        String language,
        String label,
        boolean isDefault,
        int cueCount,
        CaptionOrigin origin,
        String engine,
        String model,
        boolean published,
        int revision,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public JsonObject toJson() {
        return new JsonObject()
                .put("id", id.toString())
                .put("language", language)
                .put("label", label)
                .put("default", isDefault)
                .put("cueCount", cueCount)
                .put("origin", origin.dbValue())
                .put("engine", engine)
                .put("model", model)
                .put("published", published)
                .put("revision", revision)
                .put("createdAt", Responses.time(createdAt))
                .put("updatedAt", Responses.time(updatedAt));
    }
}
