package dev.lectern.catalog.caption;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link ChapterStore} on the {@code chapters} table. */
public final class PgChapterStore implements ChapterStore {
    private static final String LIST =
            "SELECT id, title, start_seconds FROM chapters WHERE lecture_id = $1"
                    + " ORDER BY start_seconds, title";
    private static final String INSERT =
            "INSERT INTO chapters (lecture_id, title, start_seconds) VALUES ($1, $2, $3)"
                    + " RETURNING id, title, start_seconds";
    private static final String UPDATE =
            "UPDATE chapters SET title = coalesce($3, title), start_seconds = coalesce($4, start_seconds)"
                    + " WHERE id = $1 AND lecture_id = $2 RETURNING id, title, start_seconds";
    private static final String DELETE = "DELETE FROM chapters WHERE id = $1 AND lecture_id = $2";

    private final Pool pool;

    public PgChapterStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<List<Chapter>> chapters(UUID lectureId) {
        return pool.preparedQuery(LIST)
                .execute(Tuple.of(lectureId))
                .map(
                        rows -> {
                            List<Chapter> chapters = new ArrayList<>(rows.size());
                            rows.forEach(row -> chapters.add(from(row)));
                            return chapters;
                        });
    }

    @Override
    public Future<Chapter> add(UUID lectureId, String title, double startSeconds) {
        return pool.preparedQuery(INSERT)
                .execute(Tuple.of(lectureId, title, startSeconds))
                .map(rows -> from(rows.iterator().next()));
    }

    @Override
    public Future<Optional<Chapter>> update(
            UUID lectureId, UUID chapterId, String title, Double startSeconds) {
        return pool.preparedQuery(UPDATE)
                .execute(Tuple.of(chapterId, lectureId, title, startSeconds))
                .map(
                        rows ->
                                rows.size() == 0
                                        ? Optional.empty()
                                        : Optional.of(from(rows.iterator().next())));
    }

    @Override
    public Future<Boolean> remove(UUID lectureId, UUID chapterId) {
        return pool.preparedQuery(DELETE)
                .execute(Tuple.of(chapterId, lectureId))
                .map(rows -> rows.rowCount() > 0);
    }

    private static Chapter from(Row row) {
        return new Chapter(
                row.getUUID("id"), row.getString("title"), row.getDouble("start_seconds"));
    }
}
