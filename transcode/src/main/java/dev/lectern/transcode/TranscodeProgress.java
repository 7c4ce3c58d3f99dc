package dev.lectern.transcode;

/**
 * How far a transcode is.
 *
 * @param phase what is running
 * @param percent 0–100 over the whole transcode
 * @param speed encoding speed as a multiple of realtime (0 when not yet known)
 * @param etaSeconds estimated seconds left ({@code -1} when not yet known)
 */
public record TranscodeProgress(Phase phase, double percent, double speed, long etaSeconds) {
    /** The steps of a transcode. */
    public enum Phase {
        ANALYSING,
        ENCODING,
        PACKAGING,
        DONE
    }
}
