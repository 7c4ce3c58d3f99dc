package dev.lectern.catalog.caption;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** {@link ProgressStore} on the {@code viewing_progress} table. */
public final class PgProgressStore implements ProgressStore {
    private static final String UPSERT =
            "INSERT INTO viewing_progress (user_id, lecture_id, position_seconds, furthest_seconds)"
                    + " VALUES ($1, $2, $3, $3) ON CONFLICT (lecture_id, user_id) DO UPDATE SET"
                    + " position_seconds = excluded.position_seconds,"
                    + " furthest_seconds = greatest(viewing_progress.furthest_seconds, excluded.position_seconds),"
                    + " updated_at = now()";
    private static final String COMPLETION =
            "SELECT m.user_id, u.display_name, p.furthest_seconds, p.updated_at, l.duration_seconds"
                    + " FROM memberships m JOIN users u ON u.id = m.user_id"
                    + " JOIN lectures l ON l.id = $1 AND l.course_id = m.course_id"
                    + " LEFT JOIN viewing_progress p ON p.lecture_id = l.id AND p.user_id = m.user_id"
                    + " WHERE m.role = 'student' ORDER BY m.user_id";

    private final Pool pool;

    public PgProgressStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<Void> record(String userId, UUID lectureId, double positionSeconds) {
        return pool.preparedQuery(UPSERT)
                .execute(Tuple.of(userId, lectureId, positionSeconds))
                .mapEmpty();
    }

    @Override
    public Future<Completion> completion(UUID lectureId) {
        return pool.preparedQuery(COMPLETION)
                .execute(Tuple.of(lectureId))
                .map(
                        rows -> {
                            List<Completion.Student> students = new ArrayList<>(rows.size());
                            Double duration = null;
                            for (Row row : rows) {
                                duration = row.getDouble("duration_seconds");
                                students.add(
                                        new Completion.Student(
                                                row.getString("user_id"),
                                                row.getString("display_name"),
                                                row.getDouble("furthest_seconds"),
                                                row.getOffsetDateTime("updated_at")));
                            }
                            return new Completion(lectureId, duration, students);
                        });
    }
}
