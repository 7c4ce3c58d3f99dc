package dev.lectern.infra.jobs;

/** Why a running handler is asked to stop early. */
public enum StopReason {
    /** Someone cancelled the job; it ends {@code cancelled} once the handler returns. */
    CANCELLED,
    /** This worker no longer holds the lease (another worker may be running the job). */
    LEASE_LOST,
    /** The worker is stopping and the shutdown grace ran out; the job goes back to the queue. */
    SHUTDOWN
}
