package dev.lectern.ingest;

import dev.lectern.infra.config.SettingKey;

/** The settings of getting sources in: uploads, source limits, URL imports and recording webhooks. */
public enum IngestSetting implements SettingKey {
    UPLOAD_MAX_SIZE_MB("20480", "Largest upload or import accepted, in MiB (Tus-Max-Size)."),
    UPLOAD_EXPIRY_MINUTES(
            "1440", "How long an unfinished upload is kept after its last byte arrived."),
    UPLOAD_SWEEP_SECONDS("300", "How often expired uploads are aborted."),
    UPLOAD_CORS_ORIGINS(
            "",
            "Comma-separated origins allowed to upload from a browser (e.g. https://lms.example.edu);"
                    + " '*' allows any."),
    SOURCE_MAX_DURATION_HOURS("8", "Longest source accepted, in hours."),
    SOURCE_MAX_DIMENSION("8192", "Largest width or height of a source video, in pixels."),
    IMPORT_ALLOWED_HOSTS(
            "",
            "Comma-separated hosts (name or name:port) and CIDRs that URL imports may reach even"
                    + " though they are internal (loopback, private, link-local); public addresses"
                    + " need no entry."),
    IMPORT_TIMEOUT_MINUTES("360", "Longest a single URL import attempt may take, in minutes."),
    IMPORT_CONNECT_TIMEOUT_SECONDS("10", "How long a URL import waits to connect."),
    IMPORT_IDLE_TIMEOUT_SECONDS(
            "60", "How long a URL import waits for the next byte before resuming with Range."),
    WEBHOOK_TOLERANCE_SECONDS(
            "300", "How far a signed webhook's timestamp may be from now before it is refused."),
    WEBHOOK_GENERIC_SECRET(
            "", "Shared secret of the generic recording webhook; empty disables it."),
    ZOOM_WEBHOOK_SECRET("", "Zoom app's secret token for webhooks; empty disables Zoom."),
    ZOOM_COURSE_MAP(
            "", "Which Zoom meeting's recordings go to which course: meetingId:courseId,..."),
    BBB_URL(
            "",
            "Base URL of the BigBlueButton server whose recordings are imported (its host is"
                    + " allowed for imports)."),
    BBB_SECRET(
            "",
            "BigBlueButton shared secret that signs recording-ready callbacks; empty disables."),
    BBB_COURSE_MAP(
            "",
            "Which BigBlueButton meeting goes to which course: meetingId:courseId,...; unmapped"
                    + " meetings whose id starts with a course id go to that course."),
    BBB_MEDIA_PATH(
            "/presentation/{recordId}/video/webcams.webm",
            "Path under the BigBlueButton URL of the recording's media file; {recordId} is"
                    + " replaced.");

    private final String defaultValue;
    private final String description;

    IngestSetting(String defaultValue, String description) {
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
