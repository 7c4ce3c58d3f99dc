package dev.lectern.catalog.lecture;

import dev.lectern.catalog.LectureStatus;
import dev.lectern.catalog.api.Responses;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A lecture as the catalog shows it: what its teachers wrote ({@code fields}), where processing
 * stands, and the source it was made from.
 *
 * @param errorCode why it was rejected or failed, with {@code errorMessage}; null otherwise
 * @param previewVersion the version played while its encode runs (or after it failed), or null
 * @param playableSeconds how much of that preview can be played, or null without one
 * @param sourceFilename the uploaded file's name, null until a source arrived
 */
public record Lecture(
        UUID id,
        UUID courseId,
        LectureFields fields,
        Double durationSeconds,
        LectureStatus status,
        String errorCode,
        String errorMessage,
        Integer publishedVersion,
        Integer previewVersion,
        Double playableSeconds,
        String sourceFilename,
        Long sourceSize,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    /**
     * The API's view; teachers also see the status, the source and processing errors. A lecture
     * whose first encode is running is {@code playable} and {@code growing} but not {@code
     * complete}: students can watch its first {@code playableSeconds} already. One whose first
     * encode failed stays playable, neither growing nor complete.
     */
    public JsonObject toJson(boolean teacher) {
        JsonObject json =
                new JsonObject()
                        .put("id", id.toString())
                        .put("courseId", courseId.toString())
                        .put("title", fields.title())
                        .put("description", fields.description())
                        .put("presenter", fields.presenter())
                        .put("recordedAt", Responses.time(fields.recordedAt()))
                        .put("language", fields.language())
                        .put("durationSeconds", durationSeconds)
                        .put("visibility", fields.visibility())
                        .put("availableFrom", Responses.time(fields.availableFrom()))
                        .put("playable", publishedVersion != null || previewVersion != null)
                        .put("complete", publishedVersion != null)
                        .put(
                                "growing",
                                publishedVersion == null && previewVersion != null && encoding())
                        .put(
                                "playableSeconds",
                                publishedVersion != null ? durationSeconds : playableSeconds)
                        .put("createdAt", Responses.time(createdAt))
                        .put("updatedAt", Responses.time(updatedAt));
        if (teacher) {
            json.put("status", status.dbValue()).put("publishedVersion", publishedVersion);
            if (errorCode != null) {
                json.put(
                        "error",
                        new JsonObject().put("code", errorCode).put("message", errorMessage));
            }
            if (sourceFilename != null) {
                json.put(
                        "source",
                        new JsonObject().put("filename", sourceFilename).put("size", sourceSize));
            }
        }
        return json;
    }

    /** Whether a transcode is queued or running, so a preview can still grow. */
    private boolean encoding() {
        return status == LectureStatus.QUEUED || status == LectureStatus.PROCESSING;
    }
}
