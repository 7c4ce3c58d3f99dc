package dev.lectern.infra.config;

/** The settings of the plumbing: data directory, HTTP, PostgreSQL, S3, ffmpeg, tokens, logs, workers. */
public enum Setting implements SettingKey {
    CONFIG_FILE("", "Optional properties file with any of these keys; environment variables win."),
    DATA_DIR(
            "./lectern-data",
            "Directory for the embedded PostgreSQL, embedded S3 store, keys and the workers'"
                    + " scratch files (tmp)."),
    HTTP_HOST("0.0.0.0", "Interface the HTTP server binds to."),
    HTTP_PORT("8080", "HTTP port; 0 picks a free one."),
    HTTP_EVENT_LOOPS(
            "0",
            "Event loops serving HTTP (each a copy of the routes sharing one port); 0 means one per"
                    + " CPU core."),
    HTTP_ANSWER_DEADLINE_SECONDS(
            "5",
            "A request with no answer after this long gets 503 with Retry-After: PostgreSQL or S3"
                    + " is then frozen or unreachable. Uploads' bodies and long downloads are not"
                    + " cut."),
    OPS_PORT(
            "",
            "Port on which a process without the API (`lectern worker`) answers /health/live,"
                    + " /health/ready and /metrics, for probes and scrapers; empty for none. A"
                    + " process with the API answers them on HTTP_PORT."),
    PUBLIC_URL("", "Base URL users reach the service at; defaults to http://localhost:PORT."),
    DATABASE_URL(
            "embedded",
            "PostgreSQL as postgresql://host:port/database, or 'embedded' for a private server in the"
                    + " data directory."),
    DATABASE_USER("", "PostgreSQL user, if not in the URL."),
    DATABASE_PASSWORD("", "PostgreSQL password, if not in the URL."),
    DATABASE_POOL_SIZE("8", "Connections per process."),
    EMBEDDED_DATABASE_PORT(
            "0",
            "Port of the embedded PostgreSQL on 127.0.0.1; 0 keeps the port of the previous run (a"
                    + " free one the first time)."),
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
    EMBEDDED_S3_PORT(
            "0",
            "Port of the embedded S3 server on 127.0.0.1; 0 keeps the port of the previous run (a"
                    + " free one the first time)."),
    FFMPEG("", "Path to an ffmpeg executable; empty uses the bundled GPL build."),
    FFPROBE("", "Path to an ffprobe executable; empty uses the bundled GPL build."),
    AUTH_JWKS_URL("", "JWKS URL of the identity provider; empty uses the embedded signing key."),
    AUTH_ISSUER("lectern", "Expected 'iss' claim of bearer tokens."),
    AUTH_AUDIENCE("lectern", "Expected 'aud' claim of bearer tokens."),
    AUTH_ADMIN_CLAIM(
            "lectern_admin",
            "Boolean claim, or group name in 'groups', that makes a user an admin."),
    METRICS_TOKEN(
            "", "Bearer token that may read /metrics besides admins; empty allows admins only."),
    LOG_FORMAT("plain", "'plain' for people or 'json' for log shippers."),
    LOG_LEVEL("info", "Root log level: error, warn, info, debug."),
    SHUTDOWN_GRACE_SECONDS(
            "30", "How long a stopping process waits for running work before releasing it."),
    WORKER_CONCURRENCY(
            "0", "Jobs one worker process runs at once; 0 means half the CPU cores (at least 1)."),
    WORKER_LANES(
            "main,background",
            "Which lanes a worker process runs: 'main' (transcodes, uploads' checks, imports),"
                    + " 'background' (automatic captions, slides) or both; workers of one lane"
                    + " scale apart from the other's."),
    WORKER_BACKGROUND_CONCURRENCY(
            "1",
            "Background jobs (automatic captions) one worker process runs at once in a lane of"
                    + " their own, under nice, beside its transcodes and imports; 0 leaves them to"
                    + " other workers."),
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
    WORKER_SCRATCH_SWEEP_SECONDS(
            "300",
            "How often a worker deletes the scratch folders (under the data directory's tmp) of job"
                    + " attempts that no live lease holds any more, left by killed workers; also"
                    + " once at start."),
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

    @Override
    public String defaultValue() {
        return defaultValue;
    }

    @Override
    public String description() {
        return description;
    }
}
