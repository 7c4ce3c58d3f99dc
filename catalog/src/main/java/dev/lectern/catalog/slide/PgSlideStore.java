package dev.lectern.catalog.slide;

import dev.lectern.catalog.caption.Chapter;
import dev.lectern.catalog.caption.PgChapterStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** {@link SlideStore} on the {@code slides} and {@code chapters} tables. */
public final class PgSlideStore implements SlideStore {
    private static final String LIST =
            "SELECT number, title, body, appearances, thumbnail FROM slides WHERE lecture_id = $1"
                    + " ORDER BY number";
    private static final String DROP_CHAPTERS = "DELETE FROM chapters WHERE lecture_id = $1";

    /** One chapter per time a slide was on screen, titled by the slide ("Slide 4" unread). */
    private static final String SLIDE_CHAPTERS =
            "INSERT INTO chapters (lecture_id, title, start_seconds, origin, slide_number)"
                    + " SELECT s.lecture_id,"
                    + " CASE WHEN s.title = '' THEN 'Slide ' || s.number ELSE s.title END,"
                    + " (a ->> 'startSeconds')::double precision, 'slides', s.number"
                    + " FROM slides s CROSS JOIN LATERAL jsonb_array_elements(s.appearances) a"
                    + " WHERE s.lecture_id = $1";

    private final Pool pool;

    public PgSlideStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<List<Slide>> slides(UUID lectureId) {
        return pool.preparedQuery(LIST)
                .execute(Tuple.of(lectureId))
                .map(
                        rows -> {
                            List<Slide> slides = new ArrayList<>(rows.size());
                            rows.forEach(row -> slides.add(from(row)));
                            return slides;
                        });
    }

    @Override
    public Future<List<Chapter>> useSlideChapters(UUID lectureId) {
        return pool.withTransaction(
                tx ->
                        slideChapters(tx, lectureId)
                                .compose(
                                        made ->
                                                made
                                                        ? PgChapterStore.list(tx, lectureId)
                                                        : Future.succeededFuture(List.of())));
    }

    /**
     * Replaces the lecture's chapters with its slides' within {@code tx}; false (and nothing
     * changed) when it has no slides.
     */
    static Future<Boolean> slideChapters(SqlClient tx, UUID lectureId) {
        return tx.preparedQuery(LIST)
                .execute(Tuple.of(lectureId))
                .compose(
                        slides ->
                                slides.size() == 0
                                        ? Future.succeededFuture(false)
                                        : tx.preparedQuery(DROP_CHAPTERS)
                                                .execute(Tuple.of(lectureId))
                                                .compose(
                                                        v ->
                                                                tx.preparedQuery(SLIDE_CHAPTERS)
                                                                        .execute(
                                                                                Tuple.of(
                                                                                        lectureId)))
                                                .map(true));
    }

    static Slide from(Row row) {
        JsonArray appearances = (JsonArray) row.getValue("appearances");
        List<Slide.Appearance> list = new ArrayList<>(appearances.size());
        for (int i = 0; i < appearances.size(); i++) {
            list.add(Slide.Appearance.fromJson(appearances.getJsonObject(i)));
        }
        return new Slide(
                row.getInteger("number"),
                row.getString("title"),
                row.getString("body"),
                list,
                row.getString("thumbnail"));
    }
}
