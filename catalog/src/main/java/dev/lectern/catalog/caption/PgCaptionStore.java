package dev.lectern.catalog.caption;

import dev.lectern.catalog.lecture.SearchConfigs;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link CaptionStore} on the {@code captions} and {@code caption_cues} tables. */
public final class PgCaptionStore implements CaptionStore {
    private static final String COLUMNS = "id, language, label, is_default, cue_count, created_at";
    private static final String LIST =
            "SELECT " + COLUMNS + " FROM captions WHERE lecture_id = $1 ORDER BY created_at, id";
    private static final String CLEAR_DEFAULT =
            "UPDATE captions SET is_default = false WHERE lecture_id = $1 AND is_default";
    private static final String INSERT =
            "INSERT INTO captions (id, lecture_id, language, label, is_default, object_key, cue_count)"
                    + " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING "
                    + COLUMNS;
    private static final String INSERT_CUE =
            "INSERT INTO caption_cues (caption_id, lecture_id, seq, start_seconds, end_seconds, body,"
                    + " search_config) VALUES ($1, $2, $3, $4, $5, $6, $7::regconfig)";
    private static final String DELETE =
            "DELETE FROM captions WHERE id = $1 AND lecture_id = $2 RETURNING object_key";

    private final Pool pool;

    public PgCaptionStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<List<CaptionTrack>> tracks(UUID lectureId) {
        return pool.preparedQuery(LIST)
                .execute(Tuple.of(lectureId))
                .map(
                        rows -> {
                            List<CaptionTrack> tracks = new ArrayList<>(rows.size());
                            rows.forEach(row -> tracks.add(from(row)));
                            return tracks;
                        });
    }

    @Override
    public Future<CaptionTrack> add(
            UUID lectureId,
            UUID captionId,
            String language,
            String label,
            boolean isDefault,
            String objectKey,
            List<Cue> cues) {
        String config = SearchConfigs.forLanguage(language);
        List<Tuple> batch = new ArrayList<>(cues.size());
        for (int i = 0; i < cues.size(); i++) {
            Cue cue = cues.get(i);
            batch.add(
                    Tuple.of(
                            captionId,
                            lectureId,
                            i,
                            cue.startSeconds(),
                            cue.endSeconds(),
                            cue.plainText(),
                            config));
        }
        Tuple track =
                Tuple.of(captionId, lectureId, language, label, isDefault, objectKey, cues.size());
        return pool.withTransaction(
                tx ->
                        (isDefault
                                        ? tx.preparedQuery(CLEAR_DEFAULT)
                                                .execute(Tuple.of(lectureId))
                                                .<Void>mapEmpty()
                                        : Future.<Void>succeededFuture())
                                .compose(v -> tx.preparedQuery(INSERT).execute(track))
                                .compose(
                                        rows ->
                                                tx.preparedQuery(INSERT_CUE)
                                                        .executeBatch(batch)
                                                        .map(x -> from(rows.iterator().next()))));
    }

    @Override
    public Future<Optional<String>> remove(UUID lectureId, UUID captionId) {
        return pool.preparedQuery(DELETE)
                .execute(Tuple.of(captionId, lectureId))
                .map(
                        rows ->
                                rows.rowCount() == 0
                                        ? Optional.empty()
                                        : Optional.of(
                                                rows.iterator().next().getString("object_key")));
    }

    private static CaptionTrack from(Row row) {
        return new CaptionTrack(
                row.getUUID("id"),
                row.getString("language"),
                row.getString("label"),
                row.getBoolean("is_default"),
                row.getInteger("cue_count"),
                row.getOffsetDateTime("created_at"));
    }
}
