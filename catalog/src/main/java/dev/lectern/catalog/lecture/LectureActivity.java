package dev.lectern.catalog.lecture;

import dev.lectern.catalog.LectureStatus;
import dev.lectern.catalog.api.Responses;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Where a lecture's processing stands, as a teacher's page follows it.
 *
 * @param progress the running import's or transcode's progress report; null when none runs
 */
public record LectureActivity(
        UUID lectureId,
        LectureStatus status,
        String errorCode,
        String errorMessage,
        OffsetDateTime updatedAt,
        JsonObject progress) {

    public JsonObject toJson() {
        JsonObject json =
                new JsonObject()
                        .put("lectureId", lectureId.toString())
                        .put("status", status.dbValue())
                        .put("updatedAt", Responses.time(updatedAt))
                        .put("progress", progress);
        if (errorCode != null) {
            json.put("error", new JsonObject().put("code", errorCode).put("message", errorMessage));
        }
        return json;
    }
}
