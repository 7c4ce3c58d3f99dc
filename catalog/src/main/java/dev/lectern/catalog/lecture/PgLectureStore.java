package dev.lectern.catalog.lecture;

import dev.lectern.catalog.LectureStatus;
import dev.lectern.infra.auth.Identity;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** {@link LectureStore} on the {@code lectures} table. */
public final class PgLectureStore implements LectureStore {
    private static final String INSERT =
            "INSERT INTO lectures AS l (course_id, title, description, presenter, recorded_at,"
                    + " language, visibility, available_from, search_config, created_by)"
                    + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::regconfig, $10) RETURNING "
                    + LectureRows.COLUMNS;
    private static final String ONE =
            "SELECT " + LectureRows.COLUMNS + " FROM lectures l WHERE l.id = $1";
    private static final String LOCKED = ONE + " FOR UPDATE";
    private static final String UPDATE =
            "UPDATE lectures l SET title = $2, description = $3, presenter = $4, recorded_at = $5,"
                    + " language = $6, visibility = $7, available_from = $8,"
                    + " search_config = $9::regconfig, updated_at = now() WHERE l.id = $1"
                    + " RETURNING "
                    + LectureRows.COLUMNS;
    private static final String DELETE = "DELETE FROM lectures WHERE id = $1";
    private static final String IDS_IN_COURSE = "SELECT id FROM lectures WHERE course_id = $1";
    private static final String PAGE =
            "SELECT "
                    + LectureRows.COLUMNS
                    + ", ($2 OR m.role = 'teacher') AS teacher"
                    + " FROM lectures l LEFT JOIN memberships m"
                    + " ON m.course_id = l.course_id AND m.user_id = $1"
                    + " WHERE "
                    + LectureRows.VISIBLE
                    + " AND ($3::uuid IS NULL OR l.course_id = $3)"
                    + " AND ($4::text IS NULL OR l.status = $4)"
                    + " AND ($5::text IS NULL OR l.search_vector @@ websearch_to_tsquery(l.search_config, $5))"
                    + " AND ($6::timestamptz IS NULL OR (l.created_at, l.id) < ($6, $7::uuid))"
                    + " ORDER BY l.created_at DESC, l.id DESC LIMIT $8";
    private static final String ACTIVITY =
            "SELECT l.id, l.status, l.error_code, l.error_message, l.updated_at,"
                    // An import's resume point (an S3 upload id) is the worker's business.
                    + " (SELECT j.progress - 'resume' FROM jobs j WHERE j.lecture_id = l.id"
                    + "   AND j.kind IN ('transcode', 'import')"
                    + "   AND j.status = 'running' ORDER BY j.id DESC LIMIT 1) AS progress"
                    + " FROM lectures l WHERE l.course_id = $1";

    private final Pool pool;

    public PgLectureStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<Lecture> create(UUID courseId, LectureFields fields, String createdBy) {
        return pool.preparedQuery(INSERT)
                .execute(withFields(Tuple.of(courseId), fields).addString(createdBy))
                .map(rows -> LectureRows.from(rows.iterator().next()));
    }

    @Override
    public Future<Optional<Lecture>> find(UUID lectureId) {
        return pool.preparedQuery(ONE).execute(Tuple.of(lectureId)).map(PgLectureStore::first);
    }

    @Override
    public Future<Optional<Lecture>> update(UUID lectureId, Function<Lecture, LectureFields> edit) {
        return pool.withTransaction(
                tx ->
                        tx.preparedQuery(LOCKED)
                                .execute(Tuple.of(lectureId))
                                .compose(
                                        rows -> {
                                            Optional<Lecture> current = first(rows);
                                            if (current.isEmpty()) {
                                                return Future.succeededFuture(current);
                                            }
                                            LectureFields fields = edit.apply(current.get());
                                            return tx.preparedQuery(UPDATE)
                                                    .execute(
                                                            withFields(Tuple.of(lectureId), fields))
                                                    .map(PgLectureStore::first);
                                        }));
    }

    @Override
    public Future<Boolean> delete(UUID lectureId) {
        return pool.preparedQuery(DELETE)
                .execute(Tuple.of(lectureId))
                .map(rows -> rows.rowCount() == 1);
    }

    @Override
    public Future<List<UUID>> idsInCourse(UUID courseId) {
        return pool.preparedQuery(IDS_IN_COURSE)
                .execute(Tuple.of(courseId))
                .map(
                        rows -> {
                            List<UUID> ids = new ArrayList<>(rows.size());
                            rows.forEach(row -> ids.add(row.getUUID("id")));
                            return ids;
                        });
    }

    @Override
    public Future<LecturePage> visibleTo(Identity who, Filter filter, Cursor after, int limit) {
        Tuple args =
                Tuple.of(
                                who.userId(),
                                who.admin(),
                                filter.courseId(),
                                filter.status() == null ? null : filter.status().dbValue(),
                                filter.words())
                        .addOffsetDateTime(after == null ? null : after.createdAt())
                        .addUUID(after == null ? null : after.id())
                        // One extra row says whether there is a next page.
                        .addInteger(limit + 1);
        return pool.preparedQuery(PAGE)
                .execute(args)
                .map(
                        rows -> {
                            List<VisibleLecture> items = new ArrayList<>(limit);
                            for (Row row : rows) {
                                if (items.size() == limit) {
                                    break;
                                }
                                items.add(
                                        new VisibleLecture(
                                                LectureRows.from(row), row.getBoolean("teacher")));
                            }
                            Cursor next = null;
                            if (rows.size() > limit && !items.isEmpty()) {
                                Lecture last = items.getLast().lecture();
                                next = new Cursor(last.createdAt(), last.id());
                            }
                            return new LecturePage(items, next);
                        });
    }

    @Override
    public Future<List<LectureActivity>> activityIn(UUID courseId) {
        return pool.preparedQuery(ACTIVITY)
                .execute(Tuple.of(courseId))
                .map(
                        rows -> {
                            List<LectureActivity> lectures = new ArrayList<>(rows.size());
                            for (Row row : rows) {
                                lectures.add(
                                        new LectureActivity(
                                                row.getUUID("id"),
                                                LectureStatus.fromDb(row.getString("status")),
                                                row.getString("error_code"),
                                                row.getString("error_message"),
                                                row.getOffsetDateTime("updated_at"),
                                                row.getJsonObject("progress")));
                            }
                            return lectures;
                        });
    }

    /** Arguments $2..$9 of the INSERT and the UPDATE: title … available_from, search_config. */
    private static Tuple withFields(Tuple tuple, LectureFields fields) {
        return tuple.addString(fields.title())
                .addString(fields.description())
                .addString(fields.presenter())
                .addOffsetDateTime(fields.recordedAt())
                .addString(fields.language())
                .addString(fields.visibility())
                .addOffsetDateTime(fields.availableFrom())
                .addString(SearchConfigs.forLanguage(fields.language()));
    }

    private static Optional<Lecture> first(RowSet<Row> rows) {
        return rows.size() == 0
                ? Optional.empty()
                : Optional.of(LectureRows.from(rows.iterator().next()));
    }
}
