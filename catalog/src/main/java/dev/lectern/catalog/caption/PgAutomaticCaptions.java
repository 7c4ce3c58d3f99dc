package dev.lectern.catalog.caption;

import dev.lectern.catalog.BackgroundWork;
import dev.lectern.catalog.CatalogProblem;
import dev.lectern.catalog.RenditionSet;
import dev.lectern.infra.http.ApiException;
import dev.lectern.infra.jobs.JobQueue;
import dev.lectern.infra.jobs.NewJob;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** {@link AutomaticCaptions} over the lectures, courses, captions and jobs tables. */
public final class PgAutomaticCaptions implements AutomaticCaptions {
    private static final String SUBJECT =
            "SELECT l.id, l.language, l.title, l.description, c.glossary, l.published_version,"
                    + " l.renditions FROM lectures l JOIN courses c ON c.id = l.course_id"
                    + " WHERE l.id = $1 AND l.published_version IS NOT NULL";
    private static final String TRACK =
            "SELECT "
                    + PgCaptionStore.COLUMNS
                    + " FROM captions WHERE lecture_id = $1 AND origin = 'automatic'";
    private static final String OTHER_PUBLISHED =
            "SELECT 1 FROM captions WHERE lecture_id = $1 AND published AND origin <> 'automatic'";

    private final Pool pool;
    private final JobQueue jobs;
    private final CaptionFiles files;
    private final Recognition recognition;

    public PgAutomaticCaptions(
            Pool pool, JobQueue jobs, CaptionFiles files, Recognition recognition) {
        this.pool = pool;
        this.jobs = jobs;
        this.files = files;
        this.recognition = recognition;
    }

    /** The job that recognises a lecture: after the encodes, they are what students wait for. */
    public static NewJob job(UUID lectureId) {
        return BackgroundWork.job(JOB_KIND, lectureId);
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
                                            row.getString("title"),
                                            row.getString("description"),
                                            List.of(row.getArrayOfStrings("glossary")),
                                            row.getInteger("published_version"),
                                            RenditionSet.fromJson(
                                                    row.getJsonObject("renditions"))));
                        });
    }

    @Override
    public Future<JsonObject> status(UUID lectureId) {
        JsonObject status =
                new JsonObject()
                        .put("enabled", recognition.enabled())
                        .put("engine", recognition.engine())
                        .put("model", recognition.model())
                        .put("drafts", recognition.draftsOnly());
        return BackgroundWork.state(pool, lectureId, JOB_KIND, recognition.enabled(), status)
                .compose(s -> pool.preparedQuery(TRACK).execute(Tuple.of(lectureId)))
                .map(
                        rows ->
                                status.put(
                                        "track",
                                        rows.size() == 0
                                                ? null
                                                : PgCaptionStore.from(rows.iterator().next())
                                                        .toJson()));
    }

    @Override
    public Future<Void> request(UUID lectureId) {
        if (!recognition.enabled()) {
            return Future.failedFuture(
                    new ApiException(
                            CatalogProblem.AUTOMATIC_CAPTIONS_OFF,
                            "Upload a caption file instead, or ask an administrator to set up"
                                    + " speech recognition."));
        }
        return jobs.enqueue(job(lectureId)).mapEmpty();
    }

    @Override
    public Future<CaptionTrack> publish(UUID lectureId, String language, List<Cue> cues) {
        boolean published = !recognition.draftsOnly();
        return pool.preparedQuery(OTHER_PUBLISHED)
                .execute(Tuple.of(lectureId))
                .compose(
                        others ->
                                files.add(
                                        lectureId,
                                        new TrackFields(
                                                language,
                                                label(language),
                                                published && others.size() == 0,
                                                CaptionOrigin.AUTOMATIC,
                                                recognition.engine(),
                                                recognition.model(),
                                                published),
                                        cues));
    }

    /** "English (automatic)": players list it beside the teacher's tracks. */
    static String label(String language) {
        String name = Locale.forLanguageTag(language).getDisplayLanguage(Locale.ENGLISH);
        return (name.isEmpty() ? language : name) + " (automatic)";
    }
}
