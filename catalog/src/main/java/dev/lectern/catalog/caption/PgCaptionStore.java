package dev.lectern.catalog.caption;

import dev.lectern.catalog.lecture.SearchConfigs;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link CaptionStore} on the {@code captions} and {@code caption_cues} tables. */
public final class PgCaptionStore implements CaptionStore {
    public static final String COLUMNS =
            "id, language, label, is_default, cue_count, origin, engine, model, published,"
                    + " revision, created_at, updated_at";
    private static final String LIST =
            "SELECT "
                    + COLUMNS
                    + " FROM captions WHERE lecture_id = $1 AND (published OR $2)"
                    + " ORDER BY created_at, id";
    private static final String ONE =
            "SELECT " + COLUMNS + " FROM captions WHERE id = $1 AND lecture_id = $2";
    private static final String CUES =
            "SELECT start_seconds, end_seconds, body, words FROM caption_cues"
                    + " WHERE caption_id = $1 ORDER BY seq";
    private static final String CLEAR_DEFAULT =
            "UPDATE captions SET is_default = false WHERE lecture_id = $1 AND is_default";
    private static final String REMOVE_AUTOMATIC =
            "DELETE FROM captions WHERE lecture_id = $1 AND origin = 'automatic'"
                    + " RETURNING object_key";
    private static final String INSERT =
            "INSERT INTO captions (id, lecture_id, language, label, is_default, object_key,"
                    + " cue_count, origin, engine, model, published)"
                    + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING "
                    + COLUMNS;
    private static final String INSERT_CUE =
            "INSERT INTO caption_cues (caption_id, lecture_id, seq, start_seconds, end_seconds, body,"
                    + " search_config, words) VALUES ($1, $2, $3, $4, $5, $6, $7::regconfig, $8)";
    private static final String LOCK =
            "SELECT language FROM captions WHERE id = $1 AND lecture_id = $2 FOR UPDATE";
    private static final String DELETE_CUES = "DELETE FROM caption_cues WHERE caption_id = $1";
    private static final String NEW_REVISION =
            "UPDATE captions SET cue_count = $2, revision = revision + 1, updated_at = now()"
                    + " WHERE id = $1 RETURNING "
                    + COLUMNS;
    // A hidden track is never the default: hiding the default leaves the lecture without one.
    private static final String UPDATE =
            "UPDATE captions SET label = coalesce($3, label),"
                    + " published = coalesce($5, published),"
                    + " is_default = coalesce($4, is_default) AND coalesce($5, published),"
                    + " updated_at = now() WHERE id = $1 AND lecture_id = $2 RETURNING "
                    + COLUMNS;
    private static final String DELETE =
            "DELETE FROM captions WHERE id = $1 AND lecture_id = $2 RETURNING object_key";
    private static final String OBJECT_KEY =
            "SELECT object_key FROM captions WHERE id = $1 AND lecture_id = $2";

    private final Pool pool;

    public PgCaptionStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<List<CaptionTrack>> tracks(UUID lectureId, boolean withHidden) {
        return pool.preparedQuery(LIST)
                .execute(Tuple.of(lectureId, withHidden))
                .map(
                        rows -> {
                            List<CaptionTrack> tracks = new ArrayList<>(rows.size());
                            rows.forEach(row -> tracks.add(from(row)));
                            return tracks;
                        });
    }

    @Override
    public Future<Optional<CaptionTrack>> track(UUID lectureId, UUID captionId) {
        return pool.preparedQuery(ONE)
                .execute(Tuple.of(captionId, lectureId))
                .map(PgCaptionStore::first);
    }

    @Override
    public Future<List<Cue>> cues(UUID captionId) {
        return pool.preparedQuery(CUES)
                .execute(Tuple.of(captionId))
                .map(
                        rows -> {
                            List<Cue> cues = new ArrayList<>(rows.size());
                            for (Row row : rows) {
                                cues.add(
                                        new Cue(
                                                row.getDouble("start_seconds"),
                                                row.getDouble("end_seconds"),
                                                "",
                                                row.getString("body"),
                                                words(row.getJsonArray("words"))));
                            }
                            return cues;
                        });
    }

    @Override
    public Future<AddedTrack> add(
            UUID lectureId, UUID captionId, TrackFields fields, String objectKey, List<Cue> cues) {
        Tuple track =
                Tuple.of(
                        captionId,
                        lectureId,
                        fields.language(),
                        fields.label(),
                        fields.isDefault(),
                        objectKey,
                        cues.size(),
                        fields.origin().dbValue(),
                        fields.engine(),
                        fields.model(),
                        fields.published());
        return pool.withTransaction(
                tx ->
                        replacedAutomatic(tx, lectureId, fields)
                                .compose(
                                        replaced ->
                                                clearDefault(tx, lectureId, fields.isDefault())
                                                        .compose(
                                                                v ->
                                                                        tx.preparedQuery(INSERT)
                                                                                .execute(track))
                                                        .map(rows -> added(rows, replaced)))
                                .compose(
                                        added ->
                                                insertCues(
                                                                tx,
                                                                lectureId,
                                                                captionId,
                                                                fields.language(),
                                                                cues)
                                                        .map(added)));
    }

    private static AddedTrack added(RowSet<Row> rows, Optional<String> replaced) {
        return new AddedTrack(from(rows.iterator().next()), replaced);
    }

    @Override
    public Future<Optional<CaptionTrack>> replaceCues(
            UUID lectureId, UUID captionId, List<Cue> cues) {
        return pool.withTransaction(
                tx ->
                        tx.preparedQuery(LOCK)
                                .execute(Tuple.of(captionId, lectureId))
                                .compose(
                                        locked ->
                                                locked.size() == 0
                                                        ? Future.succeededFuture(
                                                                Optional.<CaptionTrack>empty())
                                                        : rewrite(
                                                                tx,
                                                                lectureId,
                                                                captionId,
                                                                locked.iterator()
                                                                        .next()
                                                                        .getString("language"),
                                                                cues)));
    }

    /** Replaces the cues of a locked track and counts a new revision. */
    private static Future<Optional<CaptionTrack>> rewrite(
            SqlConnection tx, UUID lectureId, UUID captionId, String language, List<Cue> cues) {
        return tx.preparedQuery(DELETE_CUES)
                .execute(Tuple.of(captionId))
                .compose(v -> insertCues(tx, lectureId, captionId, language, cues))
                .compose(
                        v ->
                                tx.preparedQuery(NEW_REVISION)
                                        .execute(Tuple.of(captionId, cues.size())))
                .map(PgCaptionStore::first);
    }

    @Override
    public Future<Optional<CaptionTrack>> update(
            UUID lectureId, UUID captionId, TrackChanges changes) {
        Tuple args =
                Tuple.of(
                        captionId,
                        lectureId,
                        changes.label(),
                        changes.isDefault(),
                        changes.published());
        return pool.withTransaction(
                tx ->
                        clearDefault(tx, lectureId, Boolean.TRUE.equals(changes.isDefault()))
                                .compose(v -> tx.preparedQuery(UPDATE).execute(args))
                                .map(PgCaptionStore::first));
    }

    @Override
    public Future<Optional<String>> remove(UUID lectureId, UUID captionId) {
        return pool.preparedQuery(DELETE)
                .execute(Tuple.of(captionId, lectureId))
                .map(PgCaptionStore::objectKey);
    }

    @Override
    public Future<Optional<String>> objectKey(UUID lectureId, UUID captionId) {
        return pool.preparedQuery(OBJECT_KEY)
                .execute(Tuple.of(captionId, lectureId))
                .map(PgCaptionStore::objectKey);
    }

    private static Future<Optional<String>> replacedAutomatic(
            SqlConnection tx, UUID lectureId, TrackFields fields) {
        if (fields.origin() != CaptionOrigin.AUTOMATIC) {
            return Future.succeededFuture(Optional.empty());
        }
        return tx.preparedQuery(REMOVE_AUTOMATIC)
                .execute(Tuple.of(lectureId))
                .map(PgCaptionStore::objectKey);
    }

    private static Future<Void> clearDefault(SqlConnection tx, UUID lectureId, boolean needed) {
        return needed
                ? tx.preparedQuery(CLEAR_DEFAULT).execute(Tuple.of(lectureId)).mapEmpty()
                : Future.succeededFuture();
    }

    private static Future<Void> insertCues(
            SqlConnection tx, UUID lectureId, UUID captionId, String language, List<Cue> cues) {
        if (cues.isEmpty()) {
            return Future.succeededFuture();
        }
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
                            config,
                            cue.words().isEmpty() ? null : wordsJson(cue.words())));
        }
        return tx.preparedQuery(INSERT_CUE).executeBatch(batch).mapEmpty();
    }

    private static JsonArray wordsJson(List<SpokenWord> words) {
        JsonArray json = new JsonArray();
        for (SpokenWord word : words) {
            json.add(new JsonArray().add(word.start()).add(word.end()).add(word.text()));
        }
        return json;
    }

    private static List<SpokenWord> words(JsonArray json) {
        if (json == null) {
            return List.of();
        }
        List<SpokenWord> words = new ArrayList<>(json.size());
        for (int i = 0; i < json.size(); i++) {
            JsonArray w = json.getJsonArray(i);
            words.add(new SpokenWord(w.getString(2), w.getDouble(0), w.getDouble(1)));
        }
        return words;
    }

    private static Optional<String> objectKey(RowSet<Row> rows) {
        return rows.size() == 0
                ? Optional.empty()
                : Optional.of(rows.iterator().next().getString("object_key"));
    }

    private static Optional<CaptionTrack> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(from(rows.iterator().next()));
    }

    /** A track from a row holding {@link #COLUMNS}; shared with the playback adapter. */
    public static CaptionTrack from(Row row) {
        return new CaptionTrack(
                row.getUUID("id"),
                row.getString("language"),
                row.getString("label"),
                row.getBoolean("is_default"),
                row.getInteger("cue_count"),
                CaptionOrigin.fromDb(row.getString("origin")),
                row.getString("engine"),
                row.getString("model"),
                row.getBoolean("published"),
                row.getInteger("revision"),
                row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("updated_at"));
    }
}
