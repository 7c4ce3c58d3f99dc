package dev.lectern.catalog.lecture;

import dev.lectern.catalog.LectureStatus;
import io.vertx.sqlclient.Row;

/** Reads a {@link Lecture} from the {@code lectures l} columns every lecture query selects. */
final class LectureRows {
    static final String COLUMNS =
            "l.id, l.course_id, l.title, l.description, l.presenter, l.recorded_at, l.language,"
                    + " l.duration_seconds, l.status, l.error_code, l.error_message, l.visibility,"
                    + " l.available_from, l.published_version, l.preview_version, l.playable_seconds,"
                    + " l.source_filename, l.source_size,"
                    + " l.created_at, l.updated_at";

    /** Who may see a lecture: admin ($2), the course's teacher, or a student once released. */
    static final String VISIBLE =
            "($2 OR m.role = 'teacher' OR (m.role = 'student'"
                    + "   AND (l.published_version IS NOT NULL OR l.preview_version IS NOT NULL)"
                    + "   AND (l.visibility = 'published'"
                    + "   OR (l.visibility = 'scheduled' AND l.available_from <= now()))))";

    private LectureRows() {}

    static Lecture from(Row row) {
        return new Lecture(
                row.getUUID("id"),
                row.getUUID("course_id"),
                new LectureFields(
                        row.getString("title"),
                        row.getString("description"),
                        row.getString("presenter"),
                        row.getOffsetDateTime("recorded_at"),
                        row.getString("language"),
                        row.getString("visibility"),
                        row.getOffsetDateTime("available_from")),
                row.getDouble("duration_seconds"),
                LectureStatus.fromDb(row.getString("status")),
                row.getString("error_code"),
                row.getString("error_message"),
                row.getInteger("published_version"),
                row.getInteger("preview_version"),
                row.getDouble("playable_seconds"),
                row.getString("source_filename"),
                row.getLong("source_size"),
                row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("updated_at"));
    }
}
