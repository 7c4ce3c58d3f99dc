package dev.lectern.catalog.caption;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link ChapterStore} on the {@code chapters} table (with the {@code slides} a chapter points at).
 * Every change a teacher makes also claims the lecture's chapters as the teacher's, in the same
 * transaction, so a later slide detection leaves them alone.
 */
public final class PgChapterStore implements ChapterStore {
    /** A lecture's chapters as rows of one JSON column, in playing order. */
    public static final String LIST =
            "SELECT "
                    + Chapter.SQL_JSON
                    + " AS chapter FROM chapters h"
                    + " LEFT JOIN slides s ON s.lecture_id = h.lecture_id AND s.number = h.slide_number"
                    + " WHERE h.lecture_id = $1 ORDER BY h.start_seconds, h.title";

    private static final String ONE =
            "SELECT "
                    + Chapter.SQL_JSON
                    + " AS chapter FROM chapters h"
                    + " LEFT JOIN slides s ON s.lecture_id = h.lecture_id AND s.number = h.slide_number"
                    + " WHERE h.id = $1";
    private static final String CLAIM =
            "UPDATE chapters SET origin = 'teacher' WHERE lecture_id = $1 AND origin <> 'teacher'";
    private static final String INSERT =
            "INSERT INTO chapters (lecture_id, title, start_seconds) VALUES ($1, $2, $3) RETURNING id";
    private static final String UPDATE =
            "UPDATE chapters SET title = coalesce($3, title), start_seconds = coalesce($4, start_seconds)"
                    + " WHERE id = $1 AND lecture_id = $2 RETURNING id";
    private static final String DELETE = "DELETE FROM chapters WHERE id = $1 AND lecture_id = $2";

    private final Pool pool;

    public PgChapterStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<List<Chapter>> chapters(UUID lectureId) {
        return list(pool, lectureId);
    }

    /** The lecture's chapters as {@code client} sees them (a transaction sees its own writes). */
    public static Future<List<Chapter>> list(SqlClient client, UUID lectureId) {
        return client.preparedQuery(LIST)
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
        return pool.withTransaction(
                tx ->
                        tx.preparedQuery(INSERT)
                                .execute(Tuple.of(lectureId, title, startSeconds))
                                .compose(rows -> claimed(tx, lectureId, rows.iterator().next()))
                                .map(Optional::orElseThrow));
    }

    @Override
    public Future<Optional<Chapter>> update(
            UUID lectureId, UUID chapterId, String title, Double startSeconds) {
        return pool.withTransaction(
                tx ->
                        tx.preparedQuery(UPDATE)
                                .execute(Tuple.of(chapterId, lectureId, title, startSeconds))
                                .compose(
                                        rows ->
                                                rows.size() == 0
                                                        ? Future.succeededFuture(Optional.empty())
                                                        : claimed(
                                                                tx,
                                                                lectureId,
                                                                rows.iterator().next())));
    }

    @Override
    public Future<Boolean> remove(UUID lectureId, UUID chapterId) {
        return pool.withTransaction(
                tx ->
                        tx.preparedQuery(DELETE)
                                .execute(Tuple.of(chapterId, lectureId))
                                .compose(
                                        rows ->
                                                rows.rowCount() == 0
                                                        ? Future.succeededFuture(false)
                                                        : claim(tx, lectureId).map(true)));
    }

    /** Claims the lecture's chapters for its teacher, then reads the chapter {@code row} names. */
    private static Future<Optional<Chapter>> claimed(SqlClient tx, UUID lectureId, Row row) {
        UUID chapterId = row.getUUID("id");
        return claim(tx, lectureId).compose(v -> one(tx, chapterId));
    }

    private static Future<Void> claim(SqlClient tx, UUID lectureId) {
        return tx.preparedQuery(CLAIM).execute(Tuple.of(lectureId)).mapEmpty();
    }

    private static Future<Optional<Chapter>> one(SqlClient tx, UUID chapterId) {
        return tx.preparedQuery(ONE)
                .execute(Tuple.of(chapterId))
                .map(
                        rows ->
                                rows.size() == 0
                                        ? Optional.empty()
                                        : Optional.of(from(rows.iterator().next())));
    }

    private static Chapter from(Row row) {
        return Chapter.fromJson((JsonObject) row.getValue("chapter"));
    }
}
