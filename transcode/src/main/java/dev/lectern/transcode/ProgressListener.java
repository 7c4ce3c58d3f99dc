package dev.lectern.transcode;

/**
 * Receives progress at most once per second (and once at each phase change), and the plan of the
 * encode just before it starts, so a caller can publish the renditions while they are written.
 */
@FunctionalInterface
public interface ProgressListener {
    void onProgress(TranscodeProgress progress);

    /** Called once, right before ffmpeg starts writing into {@link EncodePlan#output()}. */
    default void onEncodeStarted(EncodePlan plan) {}

    ProgressListener NONE = progress -> {};
}
