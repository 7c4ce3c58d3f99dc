package dev.lectern.infra.media;

/** ffprobe could not read a file as media (or did not answer in time). */
public final class MediaProbeException extends RuntimeException {
    /** Why probing failed. */
    public enum Reason {
        /** ffprobe exited with an error: not a media file, or one it cannot parse. */
        UNREADABLE,
        /** ffprobe ran past its time limit. */
        TIMEOUT,
        /** ffprobe read the file but found neither video nor audio. */
        NO_MEDIA_STREAMS
    }

    private final Reason reason;

    public MediaProbeException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public MediaProbeException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
