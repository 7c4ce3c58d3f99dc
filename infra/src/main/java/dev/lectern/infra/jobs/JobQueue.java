package dev.lectern.infra.jobs;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;

/**
 * The producer side of the job system: enqueue (inside the caller's transaction), look up, cancel
 * and report progress. Workers are woken by {@code NOTIFY}, which PostgreSQL delivers when the
 * enqueuing transaction commits, so a worker never sees a job whose lecture change rolled back.
 */
public final class JobQueue {
    /** Channel told about new or re-queued work; the payload is the job kind. */
    public static final String WAKE_CHANNEL = "lectern_jobs";

    /** Channel told about cancel requests of running jobs; the payload is the job id. */
    public static final String CANCEL_CHANNEL = "lectern_job_cancel";

    private static final String INSERT =
            "WITH inserted AS ("
                    + " INSERT INTO jobs (kind, lecture_id, payload, priority, max_attempts,"
                    + " run_after)"
                    + " VALUES ($1, $2, $3, $4, $5, now() + $6 * interval '1 millisecond')"
                    + " ON CONFLICT (lecture_id, kind) WHERE status IN ('queued', 'running')"
                    + " DO NOTHING RETURNING id, kind)"
                    + " SELECT id, pg_notify('"
                    + WAKE_CHANNEL
                    + "', kind) FROM inserted";

    private static final String LIVE_FOR_LECTURE =
            "SELECT id FROM jobs WHERE lecture_id = $1 AND kind = $2"
                    + " AND status IN ('queued', 'running')";

    // A queued job is finished here; a running one only gets the request (its status stays
    // 'running' until the holder stops), which the RETURNING status tells apart.
    private static final String CANCEL =
            "WITH changed AS ("
                    + " UPDATE jobs SET"
                    + " status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END,"
                    + " finished_at = CASE WHEN status = 'queued' THEN now() END,"
                    + " cancel_requested_at = coalesce(cancel_requested_at, now()),"
                    + " updated_at = now()"
                    + " WHERE id = $1 AND status IN ('queued', 'running')"
                    + " RETURNING id, status)"
                    + " SELECT status, CASE WHEN status = 'running' THEN pg_notify('"
                    + CANCEL_CHANNEL
                    + "', id::text) END FROM changed";

    private static final String PROGRESS =
            "UPDATE jobs SET progress = $3, updated_at = now()"
                    + " WHERE id = $1 AND lease_owner = $2 AND status = 'running'";

    private final Pool pool;
    private final int defaultMaxAttempts;

    public JobQueue(Pool pool, int defaultMaxAttempts) {
        this.pool = pool;
        this.defaultMaxAttempts = defaultMaxAttempts;
    }

    /**
     * Adds a job using {@code client}: pass the connection of an open transaction to make the job
     * part of it. When the job names a lecture and a live job of the same kind exists for it, the
     * existing job's id is returned instead, so a replayed request cannot double the work.
     */
    public Future<Long> enqueue(SqlClient client, NewJob job) {
        return insert(client, job)
                .compose(
                        id -> {
                            if (id.isPresent() || job.lectureId() == null) {
                                return Future.succeededFuture(id.orElseThrow());
                            }
                            return client.preparedQuery(LIVE_FOR_LECTURE)
                                    .execute(Tuple.of(job.lectureId(), job.kind()))
                                    .compose(
                                            rows ->
                                                    rows.size() > 0
                                                            ? Future.succeededFuture(
                                                                    rows.iterator()
                                                                            .next()
                                                                            .getLong("id"))
                                                            // The live job finished between
                                                            // the two statements: insert anew.
                                                            : insert(client, job)
                                                                    .map(Optional::orElseThrow));
                        });
    }

    /** Adds a job in a transaction of its own. */
    public Future<Long> enqueue(NewJob job) {
        return pool.withTransaction(connection -> enqueue(connection, job));
    }

    private Future<Optional<Long>> insert(SqlClient client, NewJob job) {
        Tuple params =
                Tuple.of(
                        job.kind(),
                        job.lectureId(),
                        job.payload(),
                        job.priority(),
                        job.maxAttempts() == null ? defaultMaxAttempts : job.maxAttempts(),
                        job.delay().toMillis());
        return client.preparedQuery(INSERT).execute(params).map(JobQueue::firstId);
    }

    private static Optional<Long> firstId(RowSet<Row> rows) {
        return rows.size() == 0
                ? Optional.empty()
                : Optional.of(rows.iterator().next().getLong("id"));
    }

    /** The job as stored now, or empty when no such job exists. */
    public Future<Optional<Job>> get(long jobId) {
        return pool.preparedQuery("SELECT " + Job.COLUMNS + " FROM jobs WHERE id = $1")
                .execute(Tuple.of(jobId))
                .map(
                        rows ->
                                rows.size() == 0
                                        ? Optional.empty()
                                        : Optional.of(Job.from(rows.iterator().next())));
    }

    /**
     * Cancels a job: a queued one ends {@code cancelled} at once; a running one is asked to stop
     * and ends {@code cancelled} when its worker has stopped the handler.
     */
    public Future<CancelOutcome> cancel(long jobId) {
        return pool.withTransaction(
                connection ->
                        connection
                                .preparedQuery(CANCEL)
                                .execute(Tuple.of(jobId))
                                .map(
                                        rows -> {
                                            if (rows.size() == 0) {
                                                return CancelOutcome.NOT_LIVE;
                                            }
                                            String status =
                                                    rows.iterator().next().getString("status");
                                            return status.equals("cancelled")
                                                    ? CancelOutcome.CANCELLED
                                                    : CancelOutcome.REQUESTED;
                                        }));
    }

    /**
     * Stores a running job's progress, only while {@code leaseOwner} holds it. Callers throttle
     * (e.g. once per second). Succeeds with false when the lease is no longer held.
     */
    public Future<Boolean> progress(long jobId, String leaseOwner, JsonObject progress) {
        return pool.preparedQuery(PROGRESS)
                .execute(Tuple.of(jobId, leaseOwner, progress))
                .map(rows -> rows.rowCount() == 1);
    }

    /** What {@link #cancel} did. */
    public enum CancelOutcome {
        /** The job was queued and is now cancelled. */
        CANCELLED,
        /** The job is running; its worker will stop it and mark it cancelled. */
        REQUESTED,
        /** The job does not exist or had already finished. */
        NOT_LIVE
    }
}
