package dev.lectern.transcode;

import dev.lectern.infra.config.ConfigSource;

/**
 * How hard one encode may work: its ffmpeg threads and its time limit.
 *
 * @param threads threads for decoding, filtering and each encoder
 * @param timeLimitFactor seconds allowed per source second (plus a fixed slack), so a stuck or
 *     pathological encode is killed instead of holding a worker forever
 * @param maxSpeed how many times faster than real time an encode may read its source; 0 for as
 *     fast as it can
 * @param progressive whether a lecture is published while its first encode is still running
 */
public record TranscodeConfig(
        int threads, int timeLimitFactor, double maxSpeed, boolean progressive) {

    /** @param concurrency jobs one worker runs at once, which share the cores */
    public static TranscodeConfig from(ConfigSource source, int concurrency) {
        int threads = source.getInt(TranscodeSetting.TRANSCODE_THREADS, 0, 256);
        return new TranscodeConfig(
                threads == 0 ? sharedCores(concurrency) : threads,
                source.getInt(TranscodeSetting.TRANSCODE_TIME_LIMIT_FACTOR, 1, 1000),
                source.getInt(TranscodeSetting.TRANSCODE_MAX_SPEED, 0, 1000),
                source.getBoolean(TranscodeSetting.TRANSCODE_PROGRESSIVE));
    }

    /** The cores divided among the jobs that run at once, so parallel encodes do not thrash. */
    static int sharedCores(int concurrency) {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / concurrency);
    }
}
