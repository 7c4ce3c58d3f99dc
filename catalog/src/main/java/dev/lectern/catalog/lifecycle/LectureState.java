package dev.lectern.catalog.lifecycle;

import dev.lectern.catalog.LectureStatus;
import io.vertx.sqlclient.Row;
import java.util.UUID;

/** The facts about a lecture that ingest and transcode act on. */
public record LectureState(
        UUID id,
        UUID courseId,
        LectureStatus status,
        String sourceKey,
        Double durationSeconds,
        Integer publishedVersion,
        String errorCode) {

    /** The columns {@link #from(Row)} reads, for queries over {@code lectures l}. */
    public static final String COLUMNS =
            "l.id, l.course_id, l.status, l.source_key, l.duration_seconds,"
                    + " l.published_version, l.error_code";

    public static LectureState from(Row row) {
        return new LectureState(
                row.getUUID("id"),
                row.getUUID("course_id"),
                LectureStatus.fromDb(row.getString("status")),
                row.getString("source_key"),
                row.getDouble("duration_seconds"),
                row.getInteger("published_version"),
                row.getString("error_code"));
    }
}
