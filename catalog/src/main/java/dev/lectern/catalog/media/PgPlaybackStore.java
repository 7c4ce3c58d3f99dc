package dev.lectern.catalog.media;

import dev.lectern.catalog.RenditionSet;
import dev.lectern.catalog.caption.CaptionOrigin;
import dev.lectern.catalog.caption.CaptionTrack;
import dev.lectern.catalog.caption.Chapter;
import dev.lectern.catalog.caption.PgCaptionStore;
import dev.lectern.catalog.caption.PgChapterStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link PlaybackStore} on the {@code lectures}, {@code captions}, {@code chapters} and {@code
 * viewing_progress} tables; a playback answer is one round trip.
 */
public final class PgPlaybackStore implements PlaybackStore {
    private static final String PUBLISHED =
            "SELECT l.published_version, l.renditions, l.preview_version, l.preview,"
                    + " l.playable_seconds, l.duration_seconds, l.status IN ('queued', 'processing') AS encoding,"
                    + " (SELECT position_seconds FROM viewing_progress p WHERE p.lecture_id = l.id AND p.user_id = $2) AS resume,"
                    + " (SELECT coalesce(json_agg(json_build_object('id', c.id, 'language', c.language, 'label', c.label,"
                    + "   'default', c.is_default, 'cueCount', c.cue_count, 'origin', c.origin, 'engine', c.engine,"
                    + "   'model', c.model, 'revision', c.revision, 'createdAt', c.created_at, 'updatedAt', c.updated_at)"
                    + "   ORDER BY c.is_default DESC, c.created_at), '[]')"
                    + "   FROM captions c WHERE c.lecture_id = l.id AND c.published) AS captions,"
                    + " (SELECT coalesce(json_agg("
                    + Chapter.SQL_JSON
                    + " ORDER BY h.start_seconds, h.title), '[]') FROM chapters h LEFT JOIN slides s"
                    + "   ON s.lecture_id = h.lecture_id AND s.number = h.slide_number"
                    + "   WHERE h.lecture_id = l.id) AS chapters"
                    + " FROM lectures l WHERE l.id = $1";
    private static final String CAPTIONS =
            "SELECT c.id, c.language, c.label, c.is_default, c.cue_count, c.origin, c.engine, c.model,"
                    + " c.published, c.revision, c.created_at, c.updated_at, l.duration_seconds"
                    + " FROM lectures l LEFT JOIN captions c ON c.lecture_id = l.id AND c.published"
                    + " WHERE l.id = $1"
                    + " ORDER BY c.is_default DESC, c.created_at";

    private static final String DURATION = "SELECT duration_seconds FROM lectures WHERE id = $1";

    private final Pool pool;

    public PgPlaybackStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<Optional<PublishedLecture>> published(UUID lectureId, String viewerId) {
        return pool.preparedQuery(PUBLISHED)
                .execute(Tuple.of(lectureId, viewerId))
                .map(
                        rows -> {
                            if (rows.size() == 0) {
                                return Optional.empty();
                            }
                            Row row = rows.iterator().next();
                            boolean complete = row.getInteger("published_version") != null;
                            Integer version =
                                    row.getInteger(
                                            complete ? "published_version" : "preview_version");
                            JsonObject renditions =
                                    row.getJsonObject(complete ? "renditions" : "preview");
                            if (version == null || renditions == null) {
                                return Optional.empty();
                            }
                            Double duration = row.getDouble("duration_seconds");
                            Double resume = row.getDouble("resume");
                            return Optional.of(
                                    new PublishedLecture(
                                            lectureId,
                                            version,
                                            RenditionSet.fromJson(renditions),
                                            duration,
                                            complete,
                                            !complete && row.getBoolean("encoding"),
                                            complete
                                                    ? (duration == null ? 0 : duration)
                                                    : row.getDouble("playable_seconds"),
                                            resume == null ? 0 : resume,
                                            captions(row.getJsonArray("captions")),
                                            chapters(row.getJsonArray("chapters"))));
                        });
    }

    @Override
    public Future<LectureCaptions> captions(UUID lectureId) {
        return pool.preparedQuery(CAPTIONS)
                .execute(Tuple.of(lectureId))
                .map(
                        rows -> {
                            List<CaptionTrack> tracks = new ArrayList<>();
                            double duration = 0;
                            for (Row row : rows) {
                                Double d = row.getDouble("duration_seconds");
                                duration = d == null ? 0 : d;
                                if (row.getUUID("id") != null) {
                                    tracks.add(PgCaptionStore.from(row));
                                }
                            }
                            return new LectureCaptions(tracks, duration);
                        });
    }

    private static List<CaptionTrack> captions(JsonArray json) {
        List<CaptionTrack> tracks = new ArrayList<>(json.size());
        for (int i = 0; i < json.size(); i++) {
            JsonObject c = json.getJsonObject(i);
            tracks.add(
                    new CaptionTrack(
                            UUID.fromString(c.getString("id")),
                            c.getString("language"),
                            c.getString("label"),
                            c.getBoolean("default"),
                            c.getInteger("cueCount"),
                            CaptionOrigin.fromDb(c.getString("origin")),
                            c.getString("engine"),
                            c.getString("model"),
                            true,
                            c.getInteger("revision"),
                            OffsetDateTime.parse(c.getString("createdAt")),
                            OffsetDateTime.parse(c.getString("updatedAt"))));
        }
        return tracks;
    }

    @Override
    public Future<ChapterTrack> chapters(UUID lectureId) {
        return PgChapterStore.list(pool, lectureId)
                .compose(
                        chapters ->
                                pool.preparedQuery(DURATION)
                                        .execute(Tuple.of(lectureId))
                                        .map(
                                                rows -> {
                                                    Double duration =
                                                            rows.size() == 0
                                                                    ? null
                                                                    : rows.iterator()
                                                                            .next()
                                                                            .getDouble(0);
                                                    return new ChapterTrack(
                                                            chapters,
                                                            duration == null ? 0 : duration);
                                                }));
    }

    private static List<Chapter> chapters(JsonArray json) {
        List<Chapter> chapters = new ArrayList<>(json.size());
        for (int i = 0; i < json.size(); i++) {
            chapters.add(Chapter.fromJson(json.getJsonObject(i)));
        }
        return chapters;
    }
}
