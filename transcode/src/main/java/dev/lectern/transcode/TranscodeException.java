package dev.lectern.transcode;

/** A transcode that did not finish, with a reason a job system can act on (retry or not). */
public final class TranscodeException extends RuntimeException {
    /** Why the transcode stopped. */
    public enum Reason {
        /** The caller cancelled it; not worth retrying. */
        CANCELLED,
        /** It ran past its time limit (proportional to the source's duration). */
        TIMED_OUT,
        /** ffmpeg exited with an error. */
        FFMPEG_FAILED,
        /** ffmpeg finished but what it wrote is not what was planned. */
        BAD_OUTPUT
    }

    private final Reason reason;

    public TranscodeException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public TranscodeException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
