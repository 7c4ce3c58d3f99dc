package dev.lectern.infra.jobs;

import io.vertx.core.Promise;

/** A job this worker is running: its context, when it started, and whether it was released. */
final class RunningJob {
    final Job job;
    final JobContext context;
    final long startedNanos = System.nanoTime();

    /** Completes once the attempt's outcome is written (or the lease released). */
    final Promise<Void> done = Promise.promise();

    /** Set when shutdown handed the job back: whatever the handler does later is not recorded. */
    boolean released;

    RunningJob(Job job, JobContext context) {
        this.job = job;
        this.context = context;
    }
}
