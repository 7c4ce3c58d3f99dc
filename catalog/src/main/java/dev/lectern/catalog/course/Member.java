package dev.lectern.catalog.course;

import dev.lectern.catalog.CourseRole;
import dev.lectern.catalog.api.Responses;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;

/**
 * A member of a course. {@code displayName} is empty for someone enrolled by id who has not signed
 * in yet; {@code lastSeenAt} is null until they do.
 */
public record Member(
        String userId,
        String displayName,
        CourseRole role,
        OffsetDateTime since,
        OffsetDateTime lastSeenAt) {

    public JsonObject toJson() {
        return new JsonObject()
                .put("userId", userId)
                .put("displayName", displayName.isEmpty() ? userId : displayName)
                .put("role", role.dbValue())
                .put("since", Responses.time(since))
                .put("lastSeenAt", Responses.time(lastSeenAt));
    }
}
