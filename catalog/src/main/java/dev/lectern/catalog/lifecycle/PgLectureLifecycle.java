package dev.lectern.catalog.lifecycle;

import dev.lectern.catalog.RenditionSet;
import dev.lectern.catalog.caption.PgAutomaticCaptions;
import dev.lectern.catalog.slide.PgAutomaticChapters;
import dev.lectern.infra.jobs.JobQueue;
import dev.lectern.infra.jobs.NewJob;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;

/** {@link LectureLifecycle} as guarded UPDATEs on the {@code lectures} table. */
public final class PgLectureLifecycle implements LectureLifecycle {
    private static final String FIND =
            "SELECT " + LectureState.COLUMNS + " FROM lectures l WHERE l.id = $1";
    private static final String BEGIN_UPLOAD =
            "UPDATE lectures SET status = 'uploading', error_code = NULL, error_message = NULL, updated_at = now()"
                    + " WHERE id = $1 AND status IN ('awaiting_upload', 'rejected', 'failed')";
    private static final String BEGIN_IMPORT =
            "UPDATE lectures SET status = 'uploading', origin = CASE WHEN origin = 'upload' THEN 'import' ELSE origin END,"
                    + " updated_at = now() WHERE id = $1 AND status = 'awaiting_upload'";
    private static final String FAIL_IMPORT =
            "UPDATE lectures SET status = 'failed', error_code = $2, error_message = $3, updated_at = now()"
                    + " WHERE id = $1 AND status = 'uploading'";
    private static final String ABANDON_UPLOAD =
            "UPDATE lectures SET status = 'awaiting_upload', updated_at = now() WHERE id = $1 AND status = 'uploading'";
    private static final String ACCEPT_SOURCE =
            "UPDATE lectures SET status = 'queued', source_key = $2, source_filename = $3, source_size = $4,"
                    + " source_facts = $5, duration_seconds = $6, updated_at = now()"
                    + " WHERE id = $1 AND status = 'uploading'";
    private static final String REJECT_SOURCE =
            "UPDATE lectures SET status = 'rejected', source_key = $2, source_filename = $3, source_size = $4,"
                    + " error_code = $5, error_message = $6, updated_at = now()"
                    + " WHERE id = $1 AND status = 'uploading'";
    private static final String REPROCESS =
            "UPDATE lectures SET status = 'queued', error_code = NULL, error_message = NULL, updated_at = now()"
                    + " WHERE id = $1 AND status IN ('ready', 'failed') AND source_key IS NOT NULL";
    private static final String START_PROCESSING =
            "UPDATE lectures SET status = 'processing', last_version = last_version + 1, updated_at = now()"
                    + " WHERE id = $1 AND status IN ('queued', 'processing') RETURNING last_version";
    private static final String PUBLISH =
            "UPDATE lectures l SET status = 'ready', published_version = $2, renditions = $3,"
                    + " preview_version = NULL, preview = NULL, playable_seconds = NULL, updated_at = now()"
                    + " FROM (SELECT published_version AS previous FROM lectures WHERE id = $1 FOR UPDATE) old"
                    + " WHERE l.id = $1 AND l.status = 'processing' AND $2 <= l.last_version"
                    + " RETURNING old.previous";
    // Only the newest attempt shows its encode, and it takes over a dead attempt's preview only
    // once it plays at least as far, so a student watching minute 20 is not sent back to 0:20.
    private static final String SHOW_PREVIEW =
            "UPDATE lectures SET preview_version = $2, preview = $3, playable_seconds = $4,"
                    + " updated_at = CASE WHEN preview_version IS DISTINCT FROM $2 THEN now() ELSE updated_at END"
                    + " WHERE id = $1 AND status = 'processing' AND published_version IS NULL AND $2 = last_version"
                    + " AND (preview_version IS NULL OR preview_version = $2 OR playable_seconds <= $4)";
    private static final String FAIL_PROCESSING =
            "UPDATE lectures SET status = 'failed', error_code = $2, error_message = $3, updated_at = now()"
                    + " WHERE id = $1 AND status IN ('queued', 'processing')";

    // Recognition runs once per lecture on its own; a transcript that came with the recording,
    // or a track recognised before, is not replaced when the lecture is processed again.
    private static final String NEEDS_RECOGNITION =
            "SELECT NOT EXISTS (SELECT 1 FROM captions WHERE lecture_id = $1"
                    + " AND origin IN ('automatic', 'imported'))";

    private final Pool pool;
    private final JobQueue jobs;
    private final PublishFollowUps followUps;

    /**
     * @param defaultMaxAttempts attempts of a job that does not set its own: the configured
     *     {@code LECTERN_JOB_MAX_ATTEMPTS}, so transcodes follow it like every other job
     * @param followUps the background jobs a publish queues
     */
    public PgLectureLifecycle(Pool pool, int defaultMaxAttempts, PublishFollowUps followUps) {
        this.pool = pool;
        this.jobs = new JobQueue(pool, defaultMaxAttempts);
        this.followUps = followUps;
    }

    /** A lifecycle that queues nothing after publishing. */
    public PgLectureLifecycle(Pool pool, int defaultMaxAttempts) {
        this(pool, defaultMaxAttempts, PublishFollowUps.none());
    }

    @Override
    public Future<Optional<LectureState>> find(UUID lectureId) {
        return pool.preparedQuery(FIND)
                .execute(Tuple.of(lectureId))
                .map(
                        rows ->
                                rows.size() == 0
                                        ? Optional.empty()
                                        : Optional.of(LectureState.from(rows.iterator().next())));
    }

    @Override
    public Future<Void> beginUpload(UUID lectureId) {
        return transition(pool, lectureId, BEGIN_UPLOAD, Tuple.of(lectureId), "start an upload");
    }

    @Override
    public Future<Void> beginImport(UUID lectureId, NewJob importJob) {
        return pool.withTransaction(
                tx ->
                        transition(tx, lectureId, BEGIN_IMPORT, Tuple.of(lectureId), "import")
                                .compose(
                                        v ->
                                                jobs.enqueue(tx, importJob.forLecture(lectureId))
                                                        .mapEmpty()));
    }

    @Override
    public Future<Void> failImport(UUID lectureId, LectureError error) {
        return transition(
                pool,
                lectureId,
                FAIL_IMPORT,
                Tuple.of(lectureId, error.code(), error.message()),
                "fail its import");
    }

    @Override
    public Future<Void> abandonUpload(UUID lectureId) {
        return transition(
                pool, lectureId, ABANDON_UPLOAD, Tuple.of(lectureId), "abandon its upload");
    }

    @Override
    public Future<Void> acceptSource(
            UUID lectureId, SourceObject source, SourceSummary summary, int priority) {
        Tuple args =
                Tuple.of(
                        lectureId,
                        source.key(),
                        source.filename(),
                        source.size(),
                        summary.toJson(),
                        summary.durationSeconds());
        return pool.withTransaction(
                tx ->
                        transition(tx, lectureId, ACCEPT_SOURCE, args, "accept a source")
                                .compose(v -> enqueueTranscode(tx, lectureId, priority)));
    }

    @Override
    public Future<Void> rejectSource(UUID lectureId, SourceObject source, LectureError error) {
        Tuple args =
                Tuple.of(
                        lectureId,
                        source.key(),
                        source.filename(),
                        source.size(),
                        error.code(),
                        error.message());
        return transition(pool, lectureId, REJECT_SOURCE, args, "reject its source");
    }

    @Override
    public Future<Void> reprocess(UUID lectureId, int priority) {
        return pool.withTransaction(
                tx ->
                        transition(
                                        tx,
                                        lectureId,
                                        REPROCESS,
                                        Tuple.of(lectureId),
                                        "be processed again")
                                .compose(v -> enqueueTranscode(tx, lectureId, priority)));
    }

    @Override
    public Future<Integer> startProcessing(UUID lectureId) {
        return pool.preparedQuery(START_PROCESSING)
                .execute(Tuple.of(lectureId))
                .compose(
                        rows ->
                                single(rows, lectureId, "start processing")
                                        .map(row -> row.getInteger(0)));
    }

    @Override
    public Future<Optional<Integer>> publish(UUID lectureId, int version, RenditionSet renditions) {
        return pool.withTransaction(
                tx ->
                        tx.preparedQuery(PUBLISH)
                                .execute(Tuple.of(lectureId, version, renditions.toJson()))
                                .compose(
                                        rows ->
                                                single(rows, lectureId, "be published")
                                                        .map(
                                                                row ->
                                                                        Optional.ofNullable(
                                                                                row.getInteger(0))))
                                .compose(
                                        previous ->
                                                recognizeAfterPublish(tx, lectureId, renditions)
                                                        .compose(
                                                                v ->
                                                                        findSlidesAfterPublish(
                                                                                tx,
                                                                                lectureId,
                                                                                renditions))
                                                        .map(previous)));
    }

    /** Part of the publishing transaction: the job exists exactly when the lecture is ready. */
    private Future<Void> recognizeAfterPublish(
            SqlClient tx, UUID lectureId, RenditionSet renditions) {
        if (!followUps.captions() || renditions.audio().isEmpty()) {
            return Future.succeededFuture();
        }
        return tx.preparedQuery(NEEDS_RECOGNITION)
                .execute(Tuple.of(lectureId))
                .compose(
                        rows ->
                                rows.iterator().next().getBoolean(0)
                                        ? jobs.enqueue(tx, PgAutomaticCaptions.job(lectureId))
                                                .<Void>mapEmpty()
                                        : Future.<Void>succeededFuture());
    }

    private Future<Void> findSlidesAfterPublish(
            SqlClient tx, UUID lectureId, RenditionSet renditions) {
        if (!followUps.slides() || !PgAutomaticChapters.hasSlides(renditions)) {
            return Future.succeededFuture();
        }
        return jobs.enqueue(tx, PgAutomaticChapters.job(lectureId)).mapEmpty();
    }

    @Override
    public Future<Boolean> showPreview(
            UUID lectureId, int version, RenditionSet preview, double playableSeconds) {
        return pool.preparedQuery(SHOW_PREVIEW)
                .execute(Tuple.of(lectureId, version, preview.toJson(), playableSeconds))
                .map(rows -> rows.rowCount() == 1);
    }

    @Override
    public Future<Void> failProcessing(UUID lectureId, LectureError error) {
        return transition(
                pool,
                lectureId,
                FAIL_PROCESSING,
                Tuple.of(lectureId, error.code(), error.message()),
                "fail");
    }

    /** Part of {@code tx}, so the job exists exactly when the lecture's move to queued does. */
    private Future<Void> enqueueTranscode(SqlClient tx, UUID lectureId, int priority) {
        NewJob transcode =
                NewJob.of(TRANSCODE_JOB, null).forLecture(lectureId).withPriority(priority);
        return jobs.enqueue(tx, transcode).mapEmpty();
    }

    private Future<Void> transition(
            SqlClient client, UUID lectureId, String sql, Tuple args, String action) {
        return client.preparedQuery(sql)
                .execute(args)
                .compose(rows -> single(rows, lectureId, action))
                .mapEmpty();
    }

    /** The one row a guarded UPDATE touched, or a conflict naming the state that refused it. */
    private Future<Row> single(RowSet<Row> rows, UUID lectureId, String action) {
        if (rows.rowCount() == 1) {
            return Future.succeededFuture(
                    rows.iterator().hasNext() ? rows.iterator().next() : null);
        }
        return find(lectureId)
                .compose(
                        found ->
                                Future.failedFuture(
                                        new TransitionRefused(
                                                lectureId,
                                                found.map(LectureState::status).orElse(null),
                                                action)));
    }
}
