package dev.lectern.infra.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * The plumbing's part of a process's configuration: where it keeps data, how it listens, which
 * PostgreSQL, S3 and ffmpeg it uses, how tokens are verified, logs and workers. Each feature module
 * reads its own settings into a record of its own. Built once at start, then immutable.
 */
public record InfraConfig(
        Path dataDir,
        HttpConfig http,
        DatabaseConfig database,
        StorageConfig storage,
        MediaToolsConfig mediaTools,
        AuthConfig auth,
        LogConfig log,
        WorkerConfig worker,
        Duration shutdownGrace) {

    public static InfraConfig from(ConfigSource source) {
        Path dataDir = Path.of(source.get(Setting.DATA_DIR)).toAbsolutePath().normalize();
        return new InfraConfig(
                dataDir,
                HttpConfig.from(source),
                DatabaseConfig.from(source),
                StorageConfig.from(source),
                MediaToolsConfig.from(source),
                AuthConfig.from(source),
                LogConfig.from(source),
                WorkerConfig.from(source),
                Duration.ofSeconds(source.getInt(Setting.SHUTDOWN_GRACE_SECONDS, 0, 3600)));
    }

    /**
     * Where the HTTP server listens, the URL users reach it at, and how many event loops serve it:
     * one loop is one core, and media delivery alone can keep a core busy; and how long a request
     * may wait for its answer before it hears 503; and where a process without the API answers
     * probes and scrapers.
     */
    public record HttpConfig(
            String host,
            int port,
            String publicUrl,
            int eventLoops,
            Duration answerDeadline,
            OptionalInt opsPort) {
        static HttpConfig from(ConfigSource source) {
            int port = source.getInt(Setting.HTTP_PORT, 0, 65535);
            OptionalInt opsPort =
                    source.get(Setting.OPS_PORT).isBlank()
                            ? OptionalInt.empty()
                            : OptionalInt.of(source.getInt(Setting.OPS_PORT, 0, 65535));
            String publicUrl = source.get(Setting.PUBLIC_URL);
            int loops = source.getInt(Setting.HTTP_EVENT_LOOPS, 0, 256);
            return new HttpConfig(
                    source.get(Setting.HTTP_HOST),
                    port,
                    ConfigSource.stripSlash(publicUrl),
                    loops == 0 ? Runtime.getRuntime().availableProcessors() : loops,
                    Duration.ofSeconds(
                            source.getInt(Setting.HTTP_ANSWER_DEADLINE_SECONDS, 1, 3600)),
                    opsPort);
        }

        /** The public URL, or the local one once the real port is known. */
        public String publicUrlOr(int actualPort) {
            return publicUrl.isEmpty() ? "http://localhost:" + actualPort : publicUrl;
        }
    }

    /** Which ffmpeg and ffprobe to run; empty paths mean the bundled builds. */
    public record MediaToolsConfig(String ffmpeg, String ffprobe) {
        static MediaToolsConfig from(ConfigSource source) {
            return new MediaToolsConfig(source.get(Setting.FFMPEG), source.get(Setting.FFPROBE));
        }
    }

    /** How bearer tokens are verified: the embedded key, or an identity provider's JWKS. */
    public record AuthConfig(
            String jwksUrl,
            String issuer,
            String audience,
            String adminClaim,
            String metricsToken) {
        static AuthConfig from(ConfigSource source) {
            return new AuthConfig(
                    source.get(Setting.AUTH_JWKS_URL),
                    source.get(Setting.AUTH_ISSUER),
                    source.get(Setting.AUTH_AUDIENCE),
                    source.get(Setting.AUTH_ADMIN_CLAIM),
                    source.get(Setting.METRICS_TOKEN));
        }

        public boolean embedded() {
            return jwksUrl.isEmpty();
        }
    }

    /** Log output: plain lines for people, JSON lines for shippers. */
    public record LogConfig(boolean json, String level) {
        static LogConfig from(ConfigSource source) {
            String format = source.getChoice(Setting.LOG_FORMAT, "plain", "json");
            String level =
                    source.getChoice(Setting.LOG_LEVEL, "error", "warn", "info", "debug", "trace");
            return new LogConfig(format.equals("json"), level);
        }
    }

    /**
     * How a worker process runs jobs: how many at once, how long a claim lasts without a
     * heartbeat, how often leases are renewed (and expired ones swept), how often to poll when no
     * notification comes, the retry schedule, and how often scratch folders of dead attempts are
     * swept.
     */
    public record WorkerConfig(
            int concurrency,
            Duration lease,
            Duration heartbeat,
            Duration pollInterval,
            Duration retryBaseDelay,
            int maxAttempts,
            int backgroundConcurrency,
            Duration scratchSweep,
            boolean mainLane) {

        /** The default scratch sweep period. */
        public static final Duration SCRATCH_SWEEP = Duration.ofMinutes(5);

        /** With the default scratch sweep. */
        public WorkerConfig(
                int concurrency,
                Duration lease,
                Duration heartbeat,
                Duration pollInterval,
                Duration retryBaseDelay,
                int maxAttempts,
                int backgroundConcurrency) {
            this(
                    concurrency,
                    lease,
                    heartbeat,
                    pollInterval,
                    retryBaseDelay,
                    maxAttempts,
                    backgroundConcurrency,
                    SCRATCH_SWEEP);
        }

        /** Running both lanes. */
        public WorkerConfig(
                int concurrency,
                Duration lease,
                Duration heartbeat,
                Duration pollInterval,
                Duration retryBaseDelay,
                int maxAttempts,
                int backgroundConcurrency,
                Duration scratchSweep) {
            this(
                    concurrency,
                    lease,
                    heartbeat,
                    pollInterval,
                    retryBaseDelay,
                    maxAttempts,
                    backgroundConcurrency,
                    scratchSweep,
                    true);
        }

        public WorkerConfig {
            if (concurrency < 1) {
                throw new ConfigException("worker concurrency must be at least 1");
            }
            if (backgroundConcurrency < 0) {
                throw new ConfigException("background concurrency must be at least 0");
            }
            if (!mainLane && backgroundConcurrency == 0) {
                throw new ConfigException(
                        "a worker with neither lane would run nothing: "
                                + Setting.WORKER_LANES.key()
                                + " names only 'background' but "
                                + Setting.WORKER_BACKGROUND_CONCURRENCY.key()
                                + " is 0");
            }
            // Three missed heartbeats before the lease lapses: a slow database round trip or a
            // garbage-collection pause must not hand a healthy job to another worker.
            if (heartbeat.multipliedBy(3).compareTo(lease) > 0) {
                throw new ConfigException(
                        Setting.WORKER_HEARTBEAT_SECONDS.key()
                                + " must be at most a third of "
                                + Setting.WORKER_LEASE_SECONDS.key()
                                + " (heartbeat "
                                + heartbeat.toMillis()
                                + " ms, lease "
                                + lease.toMillis()
                                + " ms)");
            }
        }

        static WorkerConfig from(ConfigSource source) {
            int concurrency = source.getInt(Setting.WORKER_CONCURRENCY, 0, 256);
            Set<String> lanes = lanes(source);
            return new WorkerConfig(
                    concurrency == 0 ? defaultConcurrency() : concurrency,
                    Duration.ofSeconds(source.getInt(Setting.WORKER_LEASE_SECONDS, 3, 3600)),
                    Duration.ofSeconds(source.getInt(Setting.WORKER_HEARTBEAT_SECONDS, 1, 1200)),
                    Duration.ofSeconds(source.getInt(Setting.WORKER_POLL_SECONDS, 1, 3600)),
                    Duration.ofSeconds(source.getInt(Setting.JOB_RETRY_BASE_SECONDS, 1, 86400)),
                    source.getInt(Setting.JOB_MAX_ATTEMPTS, 1, 100),
                    lanes.contains("background")
                            ? source.getInt(Setting.WORKER_BACKGROUND_CONCURRENCY, 0, 64)
                            : 0,
                    Duration.ofSeconds(
                            source.getInt(Setting.WORKER_SCRATCH_SWEEP_SECONDS, 1, 86400)),
                    lanes.contains("main"));
        }

        private static Set<String> lanes(ConfigSource source) {
            Set<String> lanes = new TreeSet<>();
            for (String lane : source.get(Setting.WORKER_LANES).split(",")) {
                String name = lane.strip().toLowerCase(Locale.ROOT);
                if (!name.equals("main") && !name.equals("background")) {
                    throw new ConfigException(
                            Setting.WORKER_LANES.key()
                                    + " must name 'main', 'background' or both, got '"
                                    + source.get(Setting.WORKER_LANES)
                                    + "'");
                }
                lanes.add(name);
            }
            return lanes;
        }

        /** The same worker settings running {@code jobs} at once: the background lane's. */
        public WorkerConfig withConcurrency(int jobs) {
            return new WorkerConfig(
                    jobs,
                    lease,
                    heartbeat,
                    pollInterval,
                    retryBaseDelay,
                    maxAttempts,
                    backgroundConcurrency,
                    scratchSweep,
                    mainLane);
        }

        /** Half the cores: each transcode job runs a multi-threaded ffmpeg of its own. */
        public static int defaultConcurrency() {
            return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        }
    }
}
