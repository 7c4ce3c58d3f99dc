package dev.lectern.infra.db;

import dev.lectern.infra.config.ConfigException;
import dev.lectern.infra.config.DatabaseConfig;
import dev.lectern.infra.config.Setting;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private PostgreSQL server whose data lives under the data directory, so a laptop needs no
 * database installed and a restart keeps every row. The server is a process of its own: a leftover
 * of a killed host is stopped before starting ({@link LeftoverPostgres}), and while this process
 * runs, a server that dies is started again on the same port ({@link PostgresWatchdog}), so every
 * process using it reconnects without a restart of its own.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    /** Longer than the default grace a stopping Lectern gives its jobs. */
    private static final Duration OWNER_STOP_WAIT = Duration.ofSeconds(45);

    /** Data directories whose server this JVM started and has not stopped. */
    private static final Set<Path> RUNNING = ConcurrentHashMap.newKeySet();

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final PostgresWatchdog watchdog;

    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread lastResort;

    private EmbeddedPostgresServer(
            EmbeddedPostgres postgres, Path dataDir, PostgresWatchdog watchdog) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.watchdog = watchdog;
        this.lastResort = new Thread(this::stopAtExit, "embedded-postgres-exit");
        Runtime.getRuntime().addShutdownHook(lastResort);
    }

    /**
     * At JVM exit the owner stops the server once the work that still needs it (jobs handed back
     * to the queue) is done; this hook only keeps it from being restarted meanwhile, and stops it
     * if the owner never does, so no server outlives a JVM that forgot it.
     */
    private void stopAtExit() {
        if (watchdog != null) {
            watchdog.close();
        }
        try {
            if (!closed.await(OWNER_STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                close();
            }
        } catch (InterruptedException e) {
            close();
        }
    }

    /** Starts (or restarts) the server over {@code directory} on a free port, keeping its data. */
    public static EmbeddedPostgresServer start(Path directory) {
        return start(directory, 0);
    }

    /**
     * Starts (or restarts) the server over {@code directory} on 127.0.0.1:{@code port} (0 picks a
     * free one), keeping any data already there, after stopping a leftover server of a previous
     * run.
     */
    public static EmbeddedPostgresServer start(Path directory, int port) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new ConfigException(
                    "cannot create "
                            + directory
                            + " for the embedded PostgreSQL: "
                            + e.getMessage(),
                    e);
        }
        if (!Files.isWritable(directory)) {
            throw new ConfigException("data directory " + directory + " is not writable");
        }
        Path dataDir = directory.resolve("data").toAbsolutePath().normalize();
        if (RUNNING.contains(dataDir)) {
            throw alreadyRunning(dataDir);
        }
        clearLeftovers(directory);
        if (!RUNNING.add(dataDir)) {
            throw alreadyRunning(dataDir);
        }
        Path log = log(directory);
        long logSize = size(log);
        try {
            if (port != 0 && !isFree(port)) {
                throw new ConfigException(
                        "port "
                                + port
                                + " for the embedded PostgreSQL is in use by another program; set "
                                + Setting.EMBEDDED_DATABASE_PORT.key()
                                + " to a free port (or 0)");
            }
            EmbeddedPostgres postgres =
                    EmbeddedPostgres.builder()
                            .setDataDirectory(dataDir)
                            .setOverrideWorkingDirectory(directory.resolve("runtime").toFile())
                            .setCleanDataDirectory(false)
                            .setPort(port)
                            // zonky turns this off for throw-away test databases; here a commit
                            // must outlive a killed server process (the WAL reaches the kernel
                            // at commit, which costs a write, not a flush to disk).
                            .setServerConfig("synchronous_commit", "on")
                            // zonky's hook would stop it at exit while the owner still hands
                            // jobs back through it; see stopAtExit.
                            .setRegisterShutdownHook(false)
                            // The server's own log, which it keeps writing after its host is
                            // gone; a restart appends to it.
                            .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                            .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                            .start();
            LOG.info(
                    "embedded PostgreSQL listening on 127.0.0.1:{} with data in {}",
                    postgres.getPort(),
                    directory);
            PostgresWatchdog watchdog =
                    PostgresWatchdog.watch(directory, dataDir, postgres.getPort());
            return new EmbeddedPostgresServer(postgres, dataDir, watchdog);
        } catch (IOException | RuntimeException e) {
            RUNNING.remove(dataDir);
            if (e instanceof ConfigException config) {
                throw config;
            }
            throw new ConfigException(
                    "the embedded PostgreSQL could not start ("
                            + lastFatal(log, logSize).orElse(rootMessage(e))
                            + "; its log: "
                            + log
                            + "); set "
                            + Setting.DATABASE_URL.key()
                            + " to an external PostgreSQL",
                    e);
        }
    }

    /**
     * Stops a server a killed process left running over {@code directory} and removes a stale
     * {@code postmaster.pid}; a server a live process uses is never touched. Run by {@link #start}
     * too; callers that choose a port first call it so the leftover's port is free again.
     */
    public static void clearLeftovers(Path directory) {
        Path dataDir = directory.resolve("data").toAbsolutePath().normalize();
        LeftoverPostgres.clear(dataDir);
    }

    private static ConfigException alreadyRunning(Path dataDir) {
        return new ConfigException(
                "the embedded PostgreSQL in " + dataDir + " is already running in this process");
    }

    static boolean runsHere(Path dataDir) {
        return RUNNING.contains(dataDir.toAbsolutePath().normalize());
    }

    /** Whether nothing listens on {@code port} yet. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The port the server listens on, the same after any restart. */
    public int port() {
        return postgres.getPort();
    }

    /** Connection settings for the server's default superuser. */
    public DatabaseConfig config(int poolSize) {
        return new DatabaseConfig(
                false, "127.0.0.1", postgres.getPort(), "postgres", "postgres", "", poolSize);
    }

    @Override
    public synchronized void close() {
        if (closed.getCount() == 0) {
            return;
        }
        if (watchdog != null) {
            watchdog.close();
        }
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        } finally {
            RUNNING.remove(dataDir);
            closed.countDown();
        }
        if (Thread.currentThread() != lastResort) {
            try {
                Runtime.getRuntime().removeShutdownHook(lastResort);
            } catch (IllegalStateException e) {
                // the JVM is already exiting; the hook finds the server closed
            }
        }
    }

    /** The log the server writes in {@code directory}, across starts and restarts. */
    static Path log(Path directory) {
        return directory.resolve("postgres.log");
    }

    static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The server's last word on why it stopped or would not start, written after {@code from}. */
    static Optional<String> lastFatal(Path log, long from) {
        try {
            byte[] all = Files.readAllBytes(log);
            int start = (int) Math.min(from, all.length);
            return new String(all, start, all.length - start, StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> l.contains("FATAL:"))
                    .reduce((a, b) -> b)
                    .map(l -> l.substring(l.indexOf("FATAL:") + 6).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
