package dev.lectern.catalog.lecture;

import dev.lectern.catalog.api.Responses;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/** A lecture as the API shows it; teachers also see the source and processing errors. */
public final class LectureView {
    /** The columns {@link #toJson} reads, over {@code lectures l}. */
    public static final String COLUMNS =
            "l.id, l.course_id, l.title, l.description, l.presenter, l.recorded_at, l.language,"
                    + " l.duration_seconds, l.status, l.error_code, l.error_message, l.visibility,"
                    + " l.available_from, l.published_version, l.source_filename, l.source_size,"
                    + " l.created_at, l.updated_at";

    private LectureView() {}

    public static JsonObject toJson(Row row, boolean teacher) {
        JsonObject json =
                new JsonObject()
                        .put("id", row.getUUID("id").toString())
                        .put("courseId", row.getUUID("course_id").toString())
                        .put("title", row.getString("title"))
                        .put("description", row.getString("description"))
                        .put("presenter", row.getString("presenter"))
                        .put("recordedAt", time(row, "recorded_at"))
                        .put("language", row.getString("language"))
                        .put("durationSeconds", row.getDouble("duration_seconds"))
                        .put("visibility", row.getString("visibility"))
                        .put("availableFrom", time(row, "available_from"))
                        .put("createdAt", time(row, "created_at"))
                        .put("updatedAt", time(row, "updated_at"));
        if (teacher) {
            json.put("status", row.getString("status"))
                    .put("publishedVersion", row.getInteger("published_version"));
            if (row.getString("error_code") != null) {
                json.put(
                        "error",
                        new JsonObject()
                                .put("code", row.getString("error_code"))
                                .put("message", row.getString("error_message")));
            }
            if (row.getString("source_filename") != null) {
                json.put(
                        "source",
                        new JsonObject()
                                .put("filename", row.getString("source_filename"))
                                .put("size", row.getLong("source_size")));
            }
        }
        return json;
    }

    private static String time(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return Responses.time(value);
    }
}
