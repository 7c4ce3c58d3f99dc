package dev.lectern.catalog.course;

import dev.lectern.catalog.api.Responses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A course. Who looks at it decides the role shown with it, so the role is not part of it. */
public record Course(
        UUID id,
        String code,
        String title,
        String term,
        String description,
        List<String> glossary,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    /** The course as the API shows it to someone whose role in it is {@code role}. */
    public JsonObject toJson(String role) {
        return new JsonObject()
                .put("id", id.toString())
                .put("code", code)
                .put("title", title)
                .put("term", term)
                .put("description", description)
                .put("glossary", new JsonArray(glossary))
                .put("role", role)
                .put("createdAt", Responses.time(createdAt))
                .put("updatedAt", Responses.time(updatedAt));
    }
}
