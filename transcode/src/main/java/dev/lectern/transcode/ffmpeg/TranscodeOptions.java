package dev.lectern.transcode.ffmpeg;

import dev.lectern.transcode.TranscodeConfig;

/**
 * Limits for one transcode.
 *
 * @param threads threads for decoding, filtering and each encoder (bounds ffmpeg's CPU use)
 * @param secondsPerSourceSecond time allowed per second of source, on top of {@code
 *     baseTimeLimitSeconds}: at 4 the encode must run at a quarter of realtime or better
 * @param maxSpeed how many times faster than real time the source may be read; 0 for no limit
 */
public record TranscodeOptions(
        int threads, double secondsPerSourceSecond, int baseTimeLimitSeconds, double maxSpeed) {

    public TranscodeOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
    }

    /** The configured threads and time factor, with two minutes of slack for short sources. */
    public static TranscodeOptions from(TranscodeConfig config) {
        return new TranscodeOptions(
                config.threads(), config.timeLimitFactor(), 120, config.maxSpeed());
    }

    public java.time.Duration timeLimit(double sourceSeconds) {
        return java.time.Duration.ofSeconds(
                baseTimeLimitSeconds + Math.round(sourceSeconds * secondsPerSourceSecond));
    }
}
