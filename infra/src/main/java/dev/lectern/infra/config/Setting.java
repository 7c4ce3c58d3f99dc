package dev.lectern.infra.config;

/**
 * Every setting Lectern reads, with its default and meaning. This enum is the single source of
 * truth: {@code docs/configuration.md} is checked against it by a test, so a setting cannot be
 * added without being documented.
 */
public enum Setting {
    CONFIG_FILE("", "Optional properties file with any of these keys; environment variables win."),
    DATA_DIR(
            "./lectern-data", "Directory for the embedded PostgreSQL, embedded S3 store and keys."),
    HTTP_HOST("0.0.0.0", "Interface the HTTP server binds to."),
    HTTP_PORT("8080", "HTTP port; 0 picks a free one."),
    HTTP_EVENT_LOOPS(
            "0",
            "Event loops serving HTTP (each a copy of the routes sharing one port); 0 means one per"
                    + " CPU core."),
    PUBLIC_URL("", "Base URL users reach the service at; defaults to http://localhost:PORT."),
    DATABASE_URL(
            "embedded",
            "PostgreSQL as postgresql://host:port/database, or 'embedded' for a private server in the"
                    + " data directory."),
    DATABASE_USER("", "PostgreSQL user, if not in the URL."),
    DATABASE_PASSWORD("", "PostgreSQL password, if not in the URL."),
    DATABASE_POOL_SIZE("8", "Connections per process."),
    S3_ENDPOINT(
            "embedded",
            "S3 endpoint URL (MinIO, Ceph, R2…), 'aws' for Amazon S3, or 'embedded' for an in-process"
                    + " S3 server storing files in the data directory."),
    S3_REGION("us-east-1", "S3 region used for request signing."),
    S3_BUCKET("lectern", "Bucket holding every object Lectern owns."),
    S3_ACCESS_KEY("", "S3 access key; empty uses the AWS default credential chain."),
    S3_SECRET_KEY("", "S3 secret key."),
    S3_PATH_STYLE("true", "Path-style addressing (needed by MinIO, Ceph and most non-AWS stores)."),
    S3_CREATE_BUCKET("true", "Create the bucket at start if it is missing."),
    S3_PART_SIZE_MB("16", "Multipart part size in MiB (5 at least)."),
    S3_PART_MEMORY_MB(
            "128",
            "Direct memory a process reuses to assemble parts on their way to S3 (a fast upload"
                    + " holds up to 4 parts); beyond it parts go through the heap, slower."),
    EMBEDDED_S3_PORT("0", "Port of the embedded S3 server on 127.0.0.1; 0 picks a free one."),
    FFMPEG("", "Path to an ffmpeg executable; empty uses the bundled GPL build."),
    FFPROBE("", "Path to an ffprobe executable; empty uses the bundled GPL build."),
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
                    + " replaced."),
    AUTH_JWKS_URL("", "JWKS URL of the identity provider; empty uses the embedded signing key."),
    AUTH_ISSUER("lectern", "Expected 'iss' claim of bearer tokens."),
    AUTH_AUDIENCE("lectern", "Expected 'aud' claim of bearer tokens."),
    AUTH_ADMIN_CLAIM(
            "lectern_admin",
            "Boolean claim, or group name in 'groups', that makes a user an admin."),
    OIDC_ISSUER(
            "",
            "Issuer URL of the school's OpenID Connect provider: the pages sign in there"
                    + " (authorization code + PKCE). Empty keeps the paste-a-token sign-in."),
    OIDC_CLIENT_ID(
            "", "Client id of Lectern's pages at the provider (a public client, no secret)."),
    OIDC_SCOPES("openid profile email", "Scopes the pages ask for; must include 'openid'."),
    OIDC_BEARER_TOKEN(
            "access_token",
            "Which token the pages send to the API: 'access_token', or 'id_token' for providers"
                    + " that name Lectern's client id only in the id token's 'aud'."),
    METRICS_TOKEN(
            "", "Bearer token that may read /metrics besides admins; empty allows admins only."),
    MEDIA_DELIVERY(
            "proxy",
            "'proxy' streams media through Lectern; 'redirect' answers segment and file requests"
                    + " with a redirect to a short-lived presigned S3 URL (for a CDN or to take"
                    + " the bytes off the API hosts)."),
    MEDIA_PRESIGN_SECONDS("300", "Lifetime of the presigned URLs handed out in 'redirect' mode."),
    LOG_FORMAT("plain", "'plain' for people or 'json' for log shippers."),
    LOG_LEVEL("info", "Root log level: error, warn, info, debug."),
    SHUTDOWN_GRACE_SECONDS(
            "30", "How long a stopping process waits for running work before releasing it."),
    WORKER_CONCURRENCY(
            "0", "Jobs one worker process runs at once; 0 means half the CPU cores (at least 1)."),
    TRANSCODE_THREADS(
            "0",
            "Threads one ffmpeg encode may use; 0 shares the CPU cores among the jobs a worker"
                    + " runs at once."),
    TRANSCODE_TIME_LIMIT_FACTOR(
            "4",
            "An encode is stopped after this many seconds per source second, plus two minutes."),
    WORKER_LEASE_SECONDS(
            "15",
            "How long a claimed job stays owned without a heartbeat; after that another worker"
                    + " takes it over."),
    WORKER_HEARTBEAT_SECONDS(
            "5", "How often a worker renews its leases (must be under a third of the lease)."),
    WORKER_POLL_SECONDS(
            "30",
            "Fallback poll for new jobs when no notification arrives (notifications wake workers"
                    + " at once)."),
    JOB_RETRY_BASE_SECONDS(
            "30", "Delay before the first retry of a failed job; doubles with each attempt."),
    JOB_MAX_ATTEMPTS(
            "3", "Attempts a job gets before it is marked failed, unless it sets its own.");

    private final String defaultValue;
    private final String description;

    Setting(String defaultValue, String description) {
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The environment variable (and properties-file key) for this setting. */
    public String key() {
        return "LECTERN_" + name();
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }
}
