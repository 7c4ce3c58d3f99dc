package dev.lectern.transcode;

import dev.lectern.infra.config.SettingKey;

/** The settings of encoding: threads and time limit of one encode. */
public enum TranscodeSetting implements SettingKey {
    TRANSCODE_THREADS(
            "0",
            "Threads one ffmpeg encode may use; 0 shares the CPU cores among the jobs a worker"
                    + " runs at once."),
    TRANSCODE_TIME_LIMIT_FACTOR(
            "4",
            "An encode is stopped after this many seconds per source second, plus two minutes."),
    TRANSCODE_PROGRESSIVE(
            "on",
            "'on' publishes a lecture's first version while it is still being encoded, so students"
                    + " can start watching within seconds of the upload; 'off' publishes it when"
                    + " the whole ladder is done."),
    TRANSCODE_MAX_SPEED(
            "0",
            "How many times faster than real time an encode may read its source; 0 reads it as"
                    + " fast as the CPU allows. A limit leaves CPU to other work on a shared machine"
                    + " (the tests use it to watch a lecture being encoded).");

    private final String defaultValue;
    private final String description;

    TranscodeSetting(String defaultValue, String description) {
        this.defaultValue = defaultValue;
        this.description = description;
    }

    @Override
    public String defaultValue() {
        return defaultValue;
    }

    @Override
    public String description() {
        return description;
    }
}
