package dev.lectern.catalog.lifecycle;

import dev.lectern.catalog.LectureStatus;
import io.vertx.sqlclient.Row;
import java.util.UUID;

/**
 * The facts about a lecture that ingest and transcode act on.
 *
 * @param publishedVersion the version folder served whole, or {@code null}
 * @param previewVersion the version folder served while its encode runs (or after it failed), or
 *     {@code null}; only a lecture without a published version has one
 */
public record LectureState(
        UUID id,
        UUID courseId,
        LectureStatus status,
        String sourceKey,
        Double durationSeconds,
        Integer publishedVersion,
        Integer previewVersion,
        String errorCode) {

    /** The columns {@link #from(Row)} reads, for queries over {@code lectures l}. */
    public static final String COLUMNS =
            "l.id, l.course_id, l.status, l.source_key, l.duration_seconds,"
                    + " l.published_version, l.preview_version, l.error_code";

    /** Whether students could play something of it (once it is released to them). */
    public boolean playable() {
        return publishedVersion != null || previewVersion != null;
    }

    public static LectureState from(Row row) {
        return new LectureState(
                row.getUUID("id"),
                row.getUUID("course_id"),
                LectureStatus.fromDb(row.getString("status")),
                row.getString("source_key"),
                row.getDouble("duration_seconds"),
                row.getInteger("published_version"),
                row.getInteger("preview_version"),
                row.getString("error_code"));
    }
}
