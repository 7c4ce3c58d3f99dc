package dev.lectern.infra.jobs;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * Runs the jobs of one kind. {@link #run} is called on the worker's event loop: blocking work
 * (ffmpeg, file I/O) belongs in {@code vertx.executeBlocking} or a process of its own.
 *
 * <p>A job may run more than once (a retry, or another worker after this one died), so handlers
 * must be idempotent. Fail the returned future to have the job retried with backoff; fail it with
 * {@link PermanentJobFailure} when retrying cannot help.
 */
public interface JobHandler {

    Future<Void> run(JobContext context);

    /**
     * Called once when the job gives up for good (attempts exhausted or a permanent failure), inside
     * the transaction that marks it failed, so feature state (say, a lecture marked failed) commits
     * with it. If this hook fails, the job is still marked failed and the error logged.
     */
    default Future<Void> onGiveUp(SqlConnection transaction, Job job) {
        return Future.succeededFuture();
    }
}
