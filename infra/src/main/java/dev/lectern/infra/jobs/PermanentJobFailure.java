package dev.lectern.infra.jobs;

/** A failure no retry can fix (unusable input, say): the job is marked failed at once. */
public class PermanentJobFailure extends RuntimeException {
    public PermanentJobFailure(String message) {
        super(message);
    }

    public PermanentJobFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
