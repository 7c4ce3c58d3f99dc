package dev.lectern.infra.jobs;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker side of the job table: claim, renew, finish, retry, give up, release and sweep.
 * Every statement that changes a running job names its lease owner in the WHERE clause, so a worker
 * that lost its lease (paused, partitioned, too slow) can never overwrite the work of the worker
 * that took the job over.
 */
public final class JobLeases {
    private static final Logger LOG = LoggerFactory.getLogger(JobLeases.class);
    private static final int MAX_ERROR_LENGTH = 4000;

    private static final String CLAIM =
            "UPDATE jobs SET status = 'running', lease_owner = $1,"
                    + " lease_expires_at = now() + $2 * interval '1 millisecond',"
                    + " attempts = attempts + 1, updated_at = now()"
                    + " WHERE id = (SELECT id FROM jobs"
                    + " WHERE status = 'queued' AND run_after <= now() AND kind = ANY($3)"
                    + " ORDER BY priority, run_after, id LIMIT 1 FOR UPDATE SKIP LOCKED)"
                    + " RETURNING "
                    + Job.COLUMNS;

    private static final String HEARTBEAT =
            "UPDATE jobs SET lease_expires_at = now() + $3 * interval '1 millisecond'"
                    + " WHERE id = ANY($1) AND lease_owner = $2 AND status = 'running'"
                    + " RETURNING id, cancel_requested_at IS NOT NULL AS cancel_requested";

    private static final String SUCCEED =
            "UPDATE jobs SET status = 'succeeded', lease_owner = NULL, lease_expires_at = NULL,"
                    + " finished_at = now(), updated_at = now()"
                    + " WHERE id = $1 AND lease_owner = $2 AND status = 'running'";

    private static final String MARK_CANCELLED =
            "UPDATE jobs SET status = 'cancelled', lease_owner = NULL, lease_expires_at = NULL,"
                    + " finished_at = now(), updated_at = now()"
                    + " WHERE id = $1 AND lease_owner = $2 AND status = 'running'";

    private static final String LOCK_HELD =
            "SELECT "
                    + Job.COLUMNS
                    + " FROM jobs WHERE id = $1 AND lease_owner = $2 AND status = 'running'"
                    + " FOR UPDATE";

    private static final String LOCK_EXPIRED =
            "SELECT "
                    + Job.COLUMNS
                    + " FROM jobs WHERE id = $1 AND lease_owner = $2 AND status = 'running'"
                    + " AND lease_expires_at < now() FOR UPDATE SKIP LOCKED";

    private static final String RETRY_LATER =
            "WITH retried AS (UPDATE jobs SET status = 'queued', lease_owner = NULL,"
                    + " lease_expires_at = NULL, last_error = $2,"
                    + " run_after = now() + $3 * interval '1 millisecond', updated_at = now()"
                    + " WHERE id = $1 RETURNING kind)"
                    + " SELECT pg_notify('"
                    + JobQueue.WAKE_CHANNEL
                    + "', kind) FROM retried";

    private static final String MARK_FAILED =
            "UPDATE jobs SET status = 'failed', lease_owner = NULL, lease_expires_at = NULL,"
                    + " last_error = $2, finished_at = now(), updated_at = now()"
                    + " WHERE id = $1 AND status = 'running'";

    // Shutdown is not the job's fault: the attempt is given back.
    private static final String RELEASE =
            "WITH released AS (UPDATE jobs SET"
                    + " status = CASE WHEN cancel_requested_at IS NULL THEN 'queued'"
                    + " ELSE 'cancelled' END,"
                    + " finished_at = CASE WHEN cancel_requested_at IS NULL THEN NULL"
                    + " ELSE now() END,"
                    + " attempts = greatest(attempts - 1, 0), lease_owner = NULL,"
                    + " lease_expires_at = NULL, run_after = now(), updated_at = now()"
                    + " WHERE id = $1 AND lease_owner = $2 AND status = 'running'"
                    + " RETURNING kind, status)"
                    + " SELECT CASE WHEN status = 'queued' THEN pg_notify('"
                    + JobQueue.WAKE_CHANNEL
                    + "', kind) END FROM released";

    // A lapsed lease means the holder died or stalled: the job runs again at once (no backoff,
    // so a kill -9 costs one lease period), unless it was cancelled meanwhile. Jobs whose attempts
    // are used up are left for giveUpExpired, which runs their give-up hook.
    private static final String REQUEUE_EXPIRED =
            "WITH swept AS (UPDATE jobs SET"
                    + " status = CASE WHEN cancel_requested_at IS NULL THEN 'queued'"
                    + " ELSE 'cancelled' END,"
                    + " finished_at = CASE WHEN cancel_requested_at IS NULL THEN NULL"
                    + " ELSE now() END,"
                    + " last_error = 'lease of ' || lease_owner || ' expired',"
                    + " lease_owner = NULL, lease_expires_at = NULL, run_after = now(),"
                    + " updated_at = now()"
                    + " WHERE id IN (SELECT id FROM jobs WHERE status = 'running'"
                    + " AND lease_expires_at < now() AND kind = ANY($1)"
                    + " AND (attempts < max_attempts OR cancel_requested_at IS NOT NULL)"
                    + " FOR UPDATE SKIP LOCKED)"
                    + " RETURNING id, kind, status)"
                    + " SELECT id, status, CASE WHEN status = 'queued' THEN pg_notify('"
                    + JobQueue.WAKE_CHANNEL
                    + "', kind) END FROM swept";

    private static final String EXPIRED_EXHAUSTED =
            "SELECT id, lease_owner FROM jobs WHERE status = 'running'"
                    + " AND lease_expires_at < now() AND kind = ANY($1)"
                    + " AND attempts >= max_attempts AND cancel_requested_at IS NULL";

    private static final String NEXT_DUE =
            "SELECT extract(epoch FROM min(run_after) - now()) * 1000 AS wait_ms FROM jobs"
                    + " WHERE status = 'queued' AND kind = ANY($1)";

    private final Pool pool;

    public JobLeases(Pool pool) {
        this.pool = pool;
    }

    /** Claims the most urgent due job of one of {@code kinds}, or nothing. */
    public Future<Optional<Job>> claim(String owner, String[] kinds, Duration lease) {
        return pool.preparedQuery(CLAIM)
                .execute(Tuple.of(owner, lease.toMillis(), kinds))
                .map(
                        rows ->
                                rows.size() == 0
                                        ? Optional.empty()
                                        : Optional.of(Job.from(rows.iterator().next())));
    }

    /**
     * Renews the leases {@code owner} holds on {@code jobIds}. The answer maps each job still held to
     * whether a cancel was requested; a job missing from it was lost.
     */
    public Future<Map<Long, Boolean>> heartbeat(String owner, Long[] jobIds, Duration lease) {
        return pool.preparedQuery(HEARTBEAT)
                .execute(Tuple.of(jobIds, owner, lease.toMillis()))
                .map(
                        rows -> {
                            Map<Long, Boolean> held = new HashMap<>();
                            for (Row row : rows) {
                                held.put(row.getLong("id"), row.getBoolean("cancel_requested"));
                            }
                            return held;
                        });
    }

    /** Marks the job succeeded; false when the lease was no longer held. */
    public Future<Boolean> succeed(long jobId, String owner) {
        return update(SUCCEED, Tuple.of(jobId, owner));
    }

    /** Marks a running job cancelled after its handler stopped; false when not held. */
    public Future<Boolean> markCancelled(long jobId, String owner) {
        return update(MARK_CANCELLED, Tuple.of(jobId, owner));
    }

    /** Puts a held job back in the queue without using up an attempt; false when not held. */
    public Future<Boolean> release(long jobId, String owner) {
        return pool.preparedQuery(RELEASE)
                .execute(Tuple.of(jobId, owner))
                .map(rows -> rows.size() == 1);
    }

    /**
     * Records a failed attempt: the job is retried after {@code retryDelay}, or fails for good
     * (running its give-up hook) when it was the last attempt or {@code permanent}; a job with a
     * cancel request ends cancelled instead.
     */
    public Future<FailureOutcome> fail(
            long jobId,
            String owner,
            Throwable error,
            boolean permanent,
            Duration retryDelay,
            JobHandlers handlers) {
        String message = describe(error);
        return pool.withTransaction(
                        tx ->
                                lock(tx, LOCK_HELD, jobId, owner)
                                        .compose(
                                                job -> {
                                                    if (job.isEmpty()) {
                                                        return Future.succeededFuture(
                                                                FailureOutcome.LEASE_LOST);
                                                    }
                                                    Job held = job.get();
                                                    if (held.cancelRequested()) {
                                                        return update(
                                                                        tx,
                                                                        MARK_CANCELLED,
                                                                        Tuple.of(jobId, owner))
                                                                .map(FailureOutcome.CANCELLED);
                                                    }
                                                    if (permanent || held.lastAttempt()) {
                                                        return Future.succeededFuture(
                                                                FailureOutcome.GAVE_UP);
                                                    }
                                                    return tx.preparedQuery(RETRY_LATER)
                                                            .execute(
                                                                    Tuple.of(
                                                                            jobId,
                                                                            message,
                                                                            retryDelay.toMillis()))
                                                            .map(FailureOutcome.RETRY_SCHEDULED);
                                                }))
                .compose(
                        outcome ->
                                outcome == FailureOutcome.GAVE_UP
                                        ? giveUp(jobId, owner, LOCK_HELD, message, handlers)
                                                .map(outcome)
                                        : Future.succeededFuture(outcome));
    }

    /**
     * Returns jobs whose lease lapsed to the queue (or fails them when their attempts are used up)
     * and answers how many jobs it handled. Any worker may run this; SKIP LOCKED keeps concurrent
     * sweeps apart.
     */
    public Future<Integer> sweepExpired(JobHandlers handlers) {
        String[] kinds = handlers.kindArray();
        Future<Integer> requeued =
                pool.preparedQuery(REQUEUE_EXPIRED)
                        .execute(Tuple.of((Object) kinds))
                        .map(
                                r -> {
                                    for (Row row : r) {
                                        LOG.warn(
                                                "job {} lost its worker (lease expired); now {}",
                                                row.getLong("id"),
                                                row.getString("status"));
                                    }
                                    return r.size();
                                });
        return requeued.compose(
                count ->
                        pool.preparedQuery(EXPIRED_EXHAUSTED)
                                .execute(Tuple.of((Object) kinds))
                                .compose(
                                        rows -> {
                                            List<Future<Boolean>> givenUp = new ArrayList<>();
                                            for (Row row : rows) {
                                                long id = row.getLong("id");
                                                String owner = row.getString("lease_owner");
                                                givenUp.add(
                                                        giveUp(
                                                                id,
                                                                owner,
                                                                LOCK_EXPIRED,
                                                                "lease of "
                                                                        + owner
                                                                        + " expired on the last"
                                                                        + " attempt",
                                                                handlers));
                                            }
                                            return Future.all(givenUp)
                                                    .map(all -> count + givenUp.size());
                                        }));
    }

    /** Milliseconds until the next queued job of these kinds is due, or empty when none waits. */
    public Future<Optional<Long>> nextDue(String[] kinds) {
        return pool.preparedQuery(NEXT_DUE)
                .execute(Tuple.of((Object) kinds))
                .map(
                        rows -> {
                            Row row = rows.iterator().next();
                            Number wait = (Number) row.getValue("wait_ms");
                            return wait == null
                                    ? Optional.empty()
                                    : Optional.of(Math.max(0, wait.longValue()));
                        });
    }

    /**
     * Marks a job failed and runs its give-up hook in the same transaction. If the hook fails, the
     * job is marked failed without it: a job must not stay running because feature code broke.
     */
    private Future<Boolean> giveUp(
            long jobId, String owner, String lockQuery, String message, JobHandlers handlers) {
        return pool.withTransaction(
                        tx -> markFailed(tx, lockQuery, jobId, owner, message, handlers))
                .recover(
                        hookError -> {
                            LOG.error(
                                    "give-up hook of job {} failed; marking it failed anyway",
                                    jobId,
                                    hookError);
                            return pool.withTransaction(
                                    tx -> markFailed(tx, lockQuery, jobId, owner, message, null));
                        });
    }

    /** Marks the job failed if still held as {@code lockQuery} says; runs the hook unless null. */
    private static Future<Boolean> markFailed(
            SqlConnection tx,
            String lockQuery,
            long jobId,
            String owner,
            String message,
            JobHandlers hooks) {
        return lock(tx, lockQuery, jobId, owner)
                .compose(
                        job -> {
                            if (job.isEmpty()) {
                                return Future.succeededFuture(false);
                            }
                            Future<Boolean> marked =
                                    update(tx, MARK_FAILED, Tuple.of(jobId, message));
                            if (hooks == null) {
                                return marked;
                            }
                            Job failed = withError(job.get(), message);
                            return marked.compose(
                                            ignored ->
                                                    hooks.get(failed.kind()).onGiveUp(tx, failed))
                                    .map(true);
                        });
    }

    private static Job withError(Job job, String message) {
        return new Job(
                job.id(),
                job.kind(),
                job.lectureId(),
                job.payload(),
                JobStatus.FAILED,
                job.priority(),
                job.attempts(),
                job.maxAttempts(),
                job.runAfter(),
                null,
                null,
                job.progress(),
                message,
                job.cancelRequested(),
                job.createdAt(),
                job.finishedAt());
    }

    private static Future<Optional<Job>> lock(
            SqlConnection tx, String query, long jobId, String owner) {
        return tx.preparedQuery(query)
                .execute(Tuple.of(jobId, owner))
                .map(
                        rows ->
                                rows.size() == 0
                                        ? Optional.empty()
                                        : Optional.of(Job.from(rows.iterator().next())));
    }

    private Future<Boolean> update(String sql, Tuple params) {
        return pool.preparedQuery(sql).execute(params).map(rows -> rows.rowCount() == 1);
    }

    private static Future<Boolean> update(SqlConnection tx, String sql, Tuple params) {
        return tx.preparedQuery(sql).execute(params).map(rows -> rows.rowCount() == 1);
    }

    static String describe(Throwable error) {
        String text =
                error.getMessage() == null
                        ? error.getClass().getName()
                        : error.getClass().getSimpleName() + ": " + error.getMessage();
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }

    /** What became of a failed attempt. */
    public enum FailureOutcome {
        RETRY_SCHEDULED,
        GAVE_UP,
        CANCELLED,
        /** The lease was gone: another worker owns the job now, nothing was written. */
        LEASE_LOST
    }
}
