package dev.lectern.catalog.slide;

import dev.lectern.catalog.BackgroundWork;
import dev.lectern.catalog.CatalogProblem;
import dev.lectern.catalog.ContentKind;
import dev.lectern.catalog.RenditionSet;
import dev.lectern.catalog.lecture.SearchConfigs;
import dev.lectern.infra.http.ApiException;
import dev.lectern.infra.jobs.JobQueue;
import dev.lectern.infra.jobs.NewJob;
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

/** {@link AutomaticChapters} over the lectures, slides, chapters and jobs tables. */
public final class PgAutomaticChapters implements AutomaticChapters {
    private static final String SUBJECT =
            "SELECT language, published_version, renditions, source_key FROM lectures"
                    + " WHERE id = $1 AND published_version IS NOT NULL AND renditions IS NOT NULL";
    private static final String COUNTS =
            "SELECT (SELECT count(*) FROM slides WHERE lecture_id = $1) AS slides,"
                    + " EXISTS (SELECT 1 FROM chapters WHERE lecture_id = $1 AND origin = 'teacher')"
                    + " AS teacher_chapters";

    /** Locks the lecture so a publish of a newer version and this one do not interleave. */
    private static final String CURRENT =
            "SELECT published_version, search_config::text FROM lectures WHERE id = $1 FOR UPDATE";

    private static final String DROP_SLIDES = "DELETE FROM slides WHERE lecture_id = $1";
    private static final String INSERT_SLIDE =
            "INSERT INTO slides (lecture_id, number, version, title, body, appearances,"
                    + " first_seconds, thumbnail, search_config)"
                    + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::regconfig)";
    private static final String DROP_SLIDE_CHAPTERS =
            "DELETE FROM chapters WHERE lecture_id = $1 AND origin = 'slides'";
    private static final String TEACHER_CHAPTERS =
            "SELECT 1 FROM chapters WHERE lecture_id = $1 AND origin = 'teacher' LIMIT 1";

    private final Pool pool;
    private final JobQueue jobs;
    private final SlideReading reading;

    public PgAutomaticChapters(Pool pool, JobQueue jobs, SlideReading reading) {
        this.pool = pool;
        this.jobs = jobs;
        this.reading = reading;
    }

    /** The job that finds a lecture's slides: after the encodes, beside speech recognition. */
    public static NewJob job(UUID lectureId) {
        return BackgroundWork.job(JOB_KIND, lectureId, BackgroundWork.SLIDES_PRIORITY);
    }

    /** Whether a published rendition set has slides to look for: a screen recording's picture. */
    public static boolean hasSlides(RenditionSet renditions) {
        return renditions.kind() == ContentKind.SCREENCAST && !renditions.video().isEmpty();
    }

    @Override
    public Future<Optional<Subject>> subject(UUID lectureId) {
        return pool.preparedQuery(SUBJECT)
                .execute(Tuple.of(lectureId))
                .map(
                        rows -> {
                            if (rows.size() == 0) {
                                return Optional.empty();
                            }
                            Row row = rows.iterator().next();
                            return Optional.of(
                                    new Subject(
                                            lectureId,
                                            row.getString("language"),
                                            row.getInteger("published_version"),
                                            RenditionSet.fromJson(row.getJsonObject("renditions")),
                                            row.getString("source_key")));
                        });
    }

    @Override
    public Future<JsonObject> status(UUID lectureId) {
        JsonObject status =
                new JsonObject().put("enabled", reading.enabled()).put("ocr", reading.ocr());
        return BackgroundWork.state(pool, lectureId, JOB_KIND, reading.enabled(), status)
                .compose(s -> pool.preparedQuery(COUNTS).execute(Tuple.of(lectureId)))
                .map(
                        rows -> {
                            Row row = rows.iterator().next();
                            return status.put("slides", row.getLong("slides"))
                                    .put("teacherChapters", row.getBoolean("teacher_chapters"));
                        });
    }

    @Override
    public Future<Void> request(UUID lectureId) {
        if (!reading.enabled()) {
            return Future.failedFuture(
                    new ApiException(
                            CatalogProblem.AUTOMATIC_CHAPTERS_OFF,
                            "Add chapters by hand, or ask an administrator to turn slide detection"
                                    + " on."));
        }
        return jobs.enqueue(job(lectureId)).mapEmpty();
    }

    @Override
    public Future<Boolean> publish(UUID lectureId, int version, List<Slide> slides) {
        return pool.withTransaction(
                tx ->
                        tx.preparedQuery(CURRENT)
                                .execute(Tuple.of(lectureId))
                                .compose(
                                        rows -> {
                                            Row lecture =
                                                    rows.size() == 0
                                                            ? null
                                                            : rows.iterator().next();
                                            if (lecture == null
                                                    || !Integer.valueOf(version)
                                                            .equals(
                                                                    lecture.getInteger(
                                                                            "published_version"))) {
                                                // Deleted, or a newer version is published and
                                                // its own detection is queued: keep nothing.
                                                return Future.succeededFuture(false);
                                            }
                                            return replace(
                                                    tx,
                                                    lectureId,
                                                    version,
                                                    lecture.getString("search_config"),
                                                    slides);
                                        }));
    }

    private Future<Boolean> replace(
            SqlClient tx, UUID lectureId, int version, String searchConfig, List<Slide> slides) {
        return tx.preparedQuery(DROP_SLIDES)
                .execute(Tuple.of(lectureId))
                .compose(
                        v -> {
                            if (slides.isEmpty()) {
                                return Future.succeededFuture();
                            }
                            List<Tuple> batch = new ArrayList<>(slides.size());
                            for (Slide slide : slides) {
                                batch.add(
                                        Tuple.of(
                                                lectureId,
                                                slide.number(),
                                                version,
                                                slide.title(),
                                                slide.text(),
                                                Slide.appearancesJson(slide.appearances()),
                                                slide.firstSeconds(),
                                                slide.thumbnail(),
                                                searchConfig == null
                                                        ? SearchConfigs.forLanguage(null)
                                                        : searchConfig));
                            }
                            return tx.preparedQuery(INSERT_SLIDE).executeBatch(batch).mapEmpty();
                        })
                .compose(v -> tx.preparedQuery(TEACHER_CHAPTERS).execute(Tuple.of(lectureId)))
                .compose(
                        teacher ->
                                teacher.size() > 0
                                        ? Future.succeededFuture()
                                        : tx.preparedQuery(DROP_SLIDE_CHAPTERS)
                                                .execute(Tuple.of(lectureId))
                                                .compose(
                                                        d ->
                                                                PgSlideStore.slideChapters(
                                                                        tx, lectureId)))
                .map(true);
    }
}
