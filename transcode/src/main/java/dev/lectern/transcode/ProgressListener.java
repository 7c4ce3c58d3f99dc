package dev.lectern.transcode;

/** Receives progress at most once per second (and once at each phase change). */
@FunctionalInterface
public interface ProgressListener {
    void onProgress(TranscodeProgress progress);

    ProgressListener NONE = progress -> {};
}
