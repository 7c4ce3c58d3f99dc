package dev.lectern.catalog.lecture;

import dev.lectern.infra.auth.Identity;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@link LectureSearch} with PostgreSQL text search over lectures, caption cues and slides. */
public final class PgLectureSearch implements LectureSearch {
    private static final String LECTURES =
            "SELECT "
                    + LectureRows.COLUMNS
                    + ", ($2 OR m.role = 'teacher') AS teacher,"
                    + " (CASE WHEN l.search_vector @@ tq THEN ts_rank(l.search_vector, tq) ELSE 0 END)"
                    + "   + 0.5 * least(coalesce(cues.rank, 0), 1)"
                    + "   + 0.5 * least(coalesce(slide_text.rank, 0), 1) AS rank"
                    + " FROM lectures l LEFT JOIN memberships m"
                    + " ON m.course_id = l.course_id AND m.user_id = $1"
                    + " CROSS JOIN LATERAL websearch_to_tsquery(l.search_config, $3) tq"
                    + " LEFT JOIN LATERAL (SELECT sum(ts_rank(c.search_vector,"
                    + "   websearch_to_tsquery(c.search_config, $3))) AS rank FROM caption_cues c"
                    + "   JOIN captions t ON t.id = c.caption_id AND t.published"
                    + "   WHERE c.lecture_id = l.id"
                    + "   AND c.search_vector @@ websearch_to_tsquery(c.search_config, $3)) cues ON true"
                    + " LEFT JOIN LATERAL (SELECT sum(ts_rank(s.search_vector,"
                    + "   websearch_to_tsquery(s.search_config, $3))) AS rank FROM slides s"
                    + "   WHERE s.lecture_id = l.id"
                    + "   AND s.search_vector @@ websearch_to_tsquery(s.search_config, $3)) slide_text ON true"
                    + " WHERE "
                    + LectureRows.VISIBLE
                    + " AND ($4::uuid IS NULL OR l.course_id = $4)"
                    + " AND (l.search_vector @@ tq OR cues.rank IS NOT NULL OR slide_text.rank IS NOT NULL)"
                    + " ORDER BY rank DESC, l.created_at DESC, l.id LIMIT $5";
    private static final String CUES =
            "SELECT c.lecture_id, c.caption_id, c.start_seconds, c.end_seconds, c.body, c.words"
                    + " FROM caption_cues c"
                    + " JOIN captions t ON t.id = c.caption_id AND t.published"
                    + " WHERE c.lecture_id = ANY($1)"
                    + " AND c.search_vector @@ websearch_to_tsquery(c.search_config, $2)"
                    + " ORDER BY c.lecture_id, c.start_seconds";

    private static final String SLIDES =
            "SELECT s.lecture_id, s.number, s.title, s.body, s.first_seconds, s.thumbnail"
                    + " FROM slides s WHERE s.lecture_id = ANY($1)"
                    + " AND s.search_vector @@ websearch_to_tsquery(s.search_config, $2)"
                    + " ORDER BY s.lecture_id, s.first_seconds";

    /** Enough to show where a topic comes up without flooding the page (cues, and slides). */
    private static final int MAX_CUES_PER_LECTURE = 20;

    private final Pool pool;

    public PgLectureSearch(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<List<SearchHit>> search(Identity who, String words, UUID courseId, int limit) {
        Map<UUID, Match> matches = new LinkedHashMap<>();
        return pool.preparedQuery(LECTURES)
                .execute(Tuple.of(who.userId(), who.admin(), words, courseId, limit))
                .compose(
                        rows -> {
                            for (Row row : rows) {
                                matches.put(row.getUUID("id"), new Match(row));
                            }
                            UUID[] ids = matches.keySet().toArray(new UUID[0]);
                            return pool.preparedQuery(CUES).execute(Tuple.of(ids, words));
                        })
                .compose(
                        cues -> {
                            for (Row cue : cues) {
                                List<SearchHit.CaptionHit> hits =
                                        matches.get(cue.getUUID("lecture_id")).cues;
                                if (hits.size() < MAX_CUES_PER_LECTURE) {
                                    hits.add(
                                            new SearchHit.CaptionHit(
                                                    cue.getUUID("caption_id"),
                                                    SpokenMoment.of(
                                                            words,
                                                            cue.getDouble("start_seconds"),
                                                            cue.getJsonArray("words")),
                                                    cue.getDouble("end_seconds"),
                                                    cue.getString("body")));
                                }
                            }
                            UUID[] ids = matches.keySet().toArray(new UUID[0]);
                            return pool.preparedQuery(SLIDES).execute(Tuple.of(ids, words));
                        })
                .map(
                        slides -> {
                            for (Row slide : slides) {
                                List<SearchHit.SlideHit> hits =
                                        matches.get(slide.getUUID("lecture_id")).slides;
                                if (hits.size() < MAX_CUES_PER_LECTURE) {
                                    hits.add(
                                            new SearchHit.SlideHit(
                                                    slide.getInteger("number"),
                                                    slide.getString("title"),
                                                    slide.getDouble("first_seconds"),
                                                    slide.getString("body"),
                                                    slide.getString("thumbnail")));
                                }
                            }
                            List<SearchHit> hits = new ArrayList<>(matches.size());
                            matches.values().forEach(match -> hits.add(match.hit()));
                            return hits;
                        });
    }

    /** A matching lecture while its cues are collected. */
    private static final class Match {
        final VisibleLecture lecture;
        final double rank;
        final List<SearchHit.CaptionHit> cues = new ArrayList<>();
        final List<SearchHit.SlideHit> slides = new ArrayList<>();

        Match(Row row) {
            lecture = new VisibleLecture(LectureRows.from(row), row.getBoolean("teacher"));
            rank = row.getDouble("rank");
        }

        SearchHit hit() {
            return new SearchHit(lecture, rank, cues, slides);
        }
    }
}
