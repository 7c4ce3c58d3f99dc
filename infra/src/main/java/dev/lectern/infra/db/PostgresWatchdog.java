package dev.lectern.infra.db;

import dev.lectern.infra.media.ChildProcesses;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the embedded server of this process and starts it again, on the same port over the same
 * data, when it dies (killed, or out of memory): PostgreSQL recovers its data from the write-ahead
 * log, and every process connected to it reconnects on its next query. Without it, a dead server
 * would leave every process answering errors until all were restarted.
 */
final class PostgresWatchdog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresWatchdog.class);
    private static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final Path directory;
    private final Path dataDir;
    private final int port;
    private final PostgresProcesses processes;
    private final Path pgCtl;
    private final List<String> serverOptions;
    private final ScheduledExecutorService timer;
    private volatile long pid;
    private volatile boolean closed;
    private long downSince;
    private int failures;
    private long nextAttempt;

    private PostgresWatchdog(
            Path directory, Path dataDir, int port, long pid, Path pgCtl, List<String> options) {
        this.directory = directory;
        this.dataDir = dataDir;
        this.port = port;
        this.processes = new PostgresProcesses(dataDir);
        this.pid = pid;
        this.pgCtl = pgCtl;
        this.serverOptions = options;
        this.timer =
                Executors.newSingleThreadScheduledExecutor(
                        r ->
                                Thread.ofPlatform()
                                        .daemon()
                                        .name("embedded-postgres-watchdog")
                                        .unstarted(r));
        timer.scheduleWithFixedDelay(
                this::check, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts watching the server just started over {@code dataDir}; null where it cannot be. */
    static PostgresWatchdog watch(Path directory, Path dataDir, int port) {
        if (!PostgresProcesses.supported()) {
            return null;
        }
        OptionalLong pid = new PostgresProcesses(dataDir).recordedPid();
        try {
            if (pid.isEmpty()) {
                throw new IOException("no postmaster.pid");
            }
            Path postgres = PostgresProcesses.executable(pid.getAsLong());
            List<String> options = new ArrayList<>(PostgresProcesses.arguments(pid.getAsLong()));
            // pg_ctl gives the data directory itself.
            int d = options.indexOf("-D");
            if (d >= 0 && d + 1 < options.size()) {
                options.subList(d, d + 2).clear();
            }
            return new PostgresWatchdog(
                    directory,
                    dataDir,
                    port,
                    pid.getAsLong(),
                    postgres.resolveSibling("pg_ctl"),
                    options);
        } catch (IOException e) {
            LOG.warn(
                    "the embedded PostgreSQL will not be restarted if it dies: {}", e.getMessage());
            return null;
        }
    }

    private synchronized void check() {
        if (closed || processes.isServer(pid)) {
            return;
        }
        long now = System.nanoTime();
        if (downSince == 0) {
            downSince = now;
            LOG.warn(
                    "the embedded PostgreSQL (pid {}) has stopped; starting it again on port {}",
                    pid,
                    port);
        }
        if (now < nextAttempt) {
            return;
        }
        try {
            LeftoverPostgres.removeStalePidFile(processes);
            startServer();
            pid = processes.recordedPid().orElse(0);
            LOG.info(
                    "the embedded PostgreSQL is running again on port {} (pid {}), {} ms after it"
                            + " was found stopped; connections resume on their next query",
                    port,
                    pid,
                    (System.nanoTime() - downSince) / 1_000_000);
            downSince = 0;
            failures = 0;
        } catch (RuntimeException | IOException e) {
            failures++;
            long backoff = Math.min(MAX_BACKOFF.toSeconds(), 1L << Math.min(failures, 5));
            nextAttempt = System.nanoTime() + TimeUnit.SECONDS.toNanos(backoff);
            LOG.error(
                    "could not start the embedded PostgreSQL again ({}); trying again in {} s (its"
                            + " log: {})",
                    EmbeddedPostgresServer.rootMessage(e),
                    backoff,
                    log());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void startServer() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            // As zonky does: PostgreSQL refuses to run as root, so root runs it in a user
            // namespace.
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(
                List.of(
                        pgCtl.toString(),
                        "-D",
                        dataDir.toString(),
                        "-l",
                        log().toString(),
                        "-o",
                        String.join(
                                " ", serverOptions.stream().map(PostgresWatchdog::quoted).toList()),
                        "-w",
                        "-t",
                        "60",
                        "start"));
        long logSize = EmbeddedPostgresServer.size(log());
        // pg_ctl starts the server as a daemon of its own: it outlives this process by design
        // (the next start adopts or stops it), only pg_ctl itself is our child.
        Process ctl = ChildProcesses.start(new ProcessBuilder(command).redirectErrorStream(true));
        String output = new String(ctl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (ctl.waitFor() != 0) {
            throw new IOException(
                    "pg_ctl start failed: "
                            + EmbeddedPostgresServer.lastFatal(log(), logSize)
                                    .orElse(output.strip().lines().reduce((a, b) -> b).orElse("")));
        }
    }

    private Path log() {
        return EmbeddedPostgresServer.log(directory);
    }

    private static String quoted(String argument) {
        return "'" + argument.replace("'", "'\\''") + "'";
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdown();
        // A restart under way finishes first, so the caller's stop finds the server it started.
        synchronized (this) {
            closed = true;
        }
    }
}
