package dev.lectern.catalog.course;

import dev.lectern.catalog.CatalogProblem;
import dev.lectern.catalog.CourseRole;
import dev.lectern.infra.http.ApiException;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link CourseStore} on the {@code courses} table. */
public final class PgCourseStore implements CourseStore {
    private static final String COLUMNS =
            "c.id, c.code, c.title, c.term, c.description, c.glossary, c.created_at, c.updated_at";
    private static final String INSERT =
            "INSERT INTO courses AS c (code, title, term, description, glossary)"
                    + " VALUES ($1, $2, $3, $4, $5)"
                    + " RETURNING "
                    + COLUMNS;
    private static final String ONE = "SELECT " + COLUMNS + " FROM courses c WHERE c.id = $1";
    private static final String ALL = "SELECT " + COLUMNS + " FROM courses c ORDER BY c.code";
    private static final String ENROLLED =
            "SELECT "
                    + COLUMNS
                    + ", m.role FROM courses c JOIN memberships m ON m.course_id = c.id"
                    + " WHERE m.user_id = $1 ORDER BY c.code";
    private static final String UPDATE =
            "UPDATE courses c SET code = coalesce($2, code), title = coalesce($3, title),"
                    + " term = coalesce($4, term), description = coalesce($5, description),"
                    + " glossary = coalesce($6, glossary),"
                    + " updated_at = now() WHERE c.id = $1 RETURNING "
                    + COLUMNS;
    private static final String DELETE = "DELETE FROM courses WHERE id = $1";
    private static final String UNIQUE_VIOLATION = "23505";

    private final Pool pool;

    public PgCourseStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<Course> create(CourseFields fields) {
        return pool.preparedQuery(INSERT)
                .execute(
                        Tuple.of(
                                fields.code(),
                                fields.title(),
                                fields.term(),
                                fields.description(),
                                glossary(fields)))
                .recover(PgCourseStore::codeTaken)
                .map(rows -> from(rows.iterator().next()));
    }

    @Override
    public Future<Optional<Course>> find(UUID courseId) {
        return pool.preparedQuery(ONE).execute(Tuple.of(courseId)).map(PgCourseStore::first);
    }

    @Override
    public Future<List<Course>> all() {
        return pool.preparedQuery(ALL)
                .execute()
                .map(
                        rows -> {
                            List<Course> courses = new ArrayList<>(rows.size());
                            rows.forEach(row -> courses.add(from(row)));
                            return courses;
                        });
    }

    @Override
    public Future<List<Enrolled>> enrolled(String userId) {
        return pool.preparedQuery(ENROLLED)
                .execute(Tuple.of(userId))
                .map(
                        rows -> {
                            List<Enrolled> courses = new ArrayList<>(rows.size());
                            rows.forEach(
                                    row ->
                                            courses.add(
                                                    new Enrolled(
                                                            from(row),
                                                            CourseRole.fromDb(
                                                                    row.getString("role")))));
                            return courses;
                        });
    }

    @Override
    public Future<Optional<Course>> update(UUID courseId, CourseFields changes) {
        return pool.preparedQuery(UPDATE)
                .execute(
                        Tuple.of(
                                courseId,
                                changes.code(),
                                changes.title(),
                                changes.term(),
                                changes.description(),
                                glossary(changes)))
                .recover(PgCourseStore::codeTaken)
                .map(PgCourseStore::first);
    }

    @Override
    public Future<Void> delete(UUID courseId) {
        return pool.preparedQuery(DELETE).execute(Tuple.of(courseId)).mapEmpty();
    }

    private static Optional<Course> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(from(rows.iterator().next()));
    }

    private static Course from(Row row) {
        return new Course(
                row.getUUID("id"),
                row.getString("code"),
                row.getString("title"),
                row.getString("term"),
                row.getString("description"),
                List.of(row.getArrayOfStrings("glossary")),
                row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("updated_at"));
    }

    private static String[] glossary(CourseFields fields) {
        return fields.glossary() == null ? null : fields.glossary().toArray(new String[0]);
    }

    private static <T> Future<T> codeTaken(Throwable e) {
        if (e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
            return Future.failedFuture(
                    new ApiException(
                            CatalogProblem.COURSE_CODE_TAKEN, "Choose another course code."));
        }
        return Future.failedFuture(e);
    }
}
