package dev.lectern.catalog.course;

import dev.lectern.catalog.CourseRole;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** {@link MembershipStore} on the {@code memberships} and {@code users} tables. */
public final class PgMembershipStore implements MembershipStore {
    private static final String COLUMNS =
            "m.user_id, m.role, m.created_at, u.display_name, u.last_seen_at";
    private static final String LIST =
            "SELECT "
                    + COLUMNS
                    + " FROM memberships m JOIN users u ON u.id = m.user_id"
                    + " WHERE m.course_id = $1 ORDER BY m.role DESC, u.display_name, m.user_id";
    private static final String ENSURE_USER =
            "INSERT INTO users (id, display_name) VALUES ($1, $2)"
                    + " ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name"
                    + " WHERE users.display_name = '' AND excluded.display_name <> ''";
    private static final String UPSERT =
            "INSERT INTO memberships (course_id, user_id, role) VALUES ($1, $2, $3)"
                    + " ON CONFLICT (course_id, user_id) DO UPDATE SET role = excluded.role"
                    + " RETURNING (xmax = 0) AS inserted";
    private static final String ONE =
            "SELECT "
                    + COLUMNS
                    + " FROM memberships m JOIN users u ON u.id = m.user_id"
                    + " WHERE m.course_id = $1 AND m.user_id = $2";
    private static final String DELETE =
            "DELETE FROM memberships WHERE course_id = $1 AND user_id = $2";

    private final Pool pool;

    public PgMembershipStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<List<Member>> members(UUID courseId) {
        return pool.preparedQuery(LIST)
                .execute(Tuple.of(courseId))
                .map(
                        rows -> {
                            List<Member> members = new ArrayList<>(rows.size());
                            rows.forEach(row -> members.add(from(row)));
                            return members;
                        });
    }

    @Override
    public Future<Enrolment> enrol(
            UUID courseId, String userId, CourseRole role, String displayName) {
        return pool.withTransaction(
                        tx ->
                                tx.preparedQuery(ENSURE_USER)
                                        .execute(Tuple.of(userId, displayName))
                                        .compose(
                                                v ->
                                                        tx.preparedQuery(UPSERT)
                                                                .execute(
                                                                        Tuple.of(
                                                                                courseId,
                                                                                userId,
                                                                                role.dbValue()))))
                .compose(
                        upserted -> {
                            boolean added = upserted.iterator().next().getBoolean("inserted");
                            return pool.preparedQuery(ONE)
                                    .execute(Tuple.of(courseId, userId))
                                    .map(
                                            rows ->
                                                    new Enrolment(
                                                            from(rows.iterator().next()), added));
                        });
    }

    @Override
    public Future<Boolean> remove(UUID courseId, String userId) {
        return pool.preparedQuery(DELETE)
                .execute(Tuple.of(courseId, userId))
                .map(rows -> rows.rowCount() > 0);
    }

    private static Member from(Row row) {
        return new Member(
                row.getString("user_id"),
                row.getString("display_name"),
                CourseRole.fromDb(row.getString("role")),
                row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("last_seen_at"));
    }
}
