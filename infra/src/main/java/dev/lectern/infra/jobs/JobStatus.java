package dev.lectern.infra.jobs;

import java.util.Locale;

/** Where a job is in its life; stored as lower-case text in {@code jobs.status}. */
public enum JobStatus {
    /** Waiting for a worker (possibly not before {@code run_after}). */
    QUEUED,
    /** Claimed by the worker named in {@code lease_owner} until {@code lease_expires_at}. */
    RUNNING,
    SUCCEEDED,
    /** Gave up: attempts exhausted or a permanent failure; {@code last_error} says why. */
    FAILED,
    CANCELLED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Whether the job can still change (and blocks a second live job of its lecture and kind). */
    public boolean live() {
        return this == QUEUED || this == RUNNING;
    }
}
