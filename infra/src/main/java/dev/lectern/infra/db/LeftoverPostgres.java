package dev.lectern.infra.db;

import dev.lectern.infra.config.ConfigException;
import dev.lectern.infra.media.ChildProcesses;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears what a previous run left in a data directory before the embedded PostgreSQL starts there.
 * The server runs as a daemon of its own, so a host killed with SIGKILL leaves it running with no
 * one to stop it; the next start would then fail to lock the directory. Such a leftover is stopped
 * with a fast shutdown (SIGINT: clients are disconnected, the data is checkpointed), and killed
 * only when that does not end it. A {@code postmaster.pid} whose process is gone, a zombie or
 * another program is removed once no PostgreSQL process uses the directory any more; PostgreSQL
 * itself would refuse to start while the recorded pid names any live process.
 */
final class LeftoverPostgres {
    private static final Logger LOG = LoggerFactory.getLogger(LeftoverPostgres.class);
    private static final Duration FAST_SHUTDOWN = Duration.ofSeconds(20);
    private static final Duration CHILDREN_EXIT = Duration.ofSeconds(10);

    /** zonky's lock file: held by the JVM whose embedded server uses the directory. */
    static final String OWNER_LOCK = "epg-lock";

    private LeftoverPostgres() {}

    /** Makes {@code dataDir} ready for a new server, or says in one line why it is not. */
    static void clear(Path dataDir) {
        if (!PostgresProcesses.supported() || !Files.isDirectory(dataDir)) {
            return;
        }
        PostgresProcesses processes = new PostgresProcesses(dataDir);
        OptionalLong recorded = processes.recordedPid();
        if (recorded.isPresent() && processes.isServer(recorded.getAsLong())) {
            long pid = recorded.getAsLong();
            if (ownedByLiveProcess(dataDir)) {
                throw new ConfigException(
                        "the embedded PostgreSQL in "
                                + dataDir
                                + " (pid "
                                + pid
                                + ") is in use by a running process; stop that process first,"
                                + " or give this one its own data directory");
            }
            LOG.warn(
                    "found the embedded PostgreSQL of a previous run still running (pid {}, port"
                            + " {}) with no Lectern process using it; stopping it",
                    pid,
                    processes.recordedPort());
            long start = System.nanoTime();
            stop(processes, pid);
            LOG.info(
                    "stopped the leftover embedded PostgreSQL (pid {}) in {} ms",
                    pid,
                    (System.nanoTime() - start) / 1_000_000);
        }
        removeStalePidFile(processes);
    }

    /**
     * Removes a {@code postmaster.pid} that names no running server of this directory, once the
     * dead server's children have gone too: they still hold its shared memory.
     */
    static void removeStalePidFile(PostgresProcesses processes) {
        OptionalLong recorded = processes.recordedPid();
        if (recorded.isPresent() && processes.isServer(recorded.getAsLong())) {
            return;
        }
        if (!waitUntil(() -> processes.servers().isEmpty(), CHILDREN_EXIT)) {
            List<Long> left = processes.servers();
            throw new ConfigException(
                    "PostgreSQL processes "
                            + left
                            + " still use "
                            + processes.pidFile().getParent()
                            + " although its server has stopped; end them, then start again");
        }
        try {
            // Its socket's lock names the same dead pid; PostgreSQL refuses it too while that pid
            // is a zombie or another program.
            Path socketLock = processes.socketLock();
            if (socketLock != null) {
                OptionalLong owner = PostgresProcesses.lockOwner(socketLock);
                if (owner.isPresent() && !PostgresProcesses.isAnyServer(owner.getAsLong())) {
                    Files.deleteIfExists(socketLock);
                }
            }
            if (Files.deleteIfExists(processes.pidFile())) {
                LOG.info(
                        "removed the stale postmaster.pid of a previous run (pid {} is not a"
                                + " running PostgreSQL)",
                        recorded.isPresent() ? recorded.getAsLong() : "unreadable");
            }
        } catch (IOException e) {
            throw new ConfigException(
                    "cannot remove the stale " + processes.pidFile() + ": " + e.getMessage(), e);
        }
    }

    private static void stop(PostgresProcesses processes, long pid) {
        signal(pid, "INT");
        if (waitUntil(() -> !processes.isServer(pid), FAST_SHUTDOWN)) {
            return;
        }
        if (processes.isServer(pid)) {
            LOG.warn(
                    "the leftover embedded PostgreSQL (pid {}) did not stop within {} s; killing it",
                    pid,
                    FAST_SHUTDOWN.toSeconds());
            signal(pid, "KILL");
            waitUntil(() -> !processes.isServer(pid), Duration.ofSeconds(5));
        }
    }

    private static void signal(long pid, String signal) {
        try {
            Process kill =
                    ChildProcesses.start(
                            new ProcessBuilder("kill", "-s", signal, Long.toString(pid))
                                    .redirectErrorStream(true));
            kill.getInputStream().readAllBytes();
            kill.waitFor();
        } catch (IOException e) {
            throw new ConfigException("cannot signal process " + pid + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether a live process holds the directory (zonky locks it for as long as its server runs).
     * The lock of a process that died is released by the kernel.
     */
    private static boolean ownedByLiveProcess(Path dataDir) {
        Path lockFile = dataDir.resolve(OWNER_LOCK);
        if (!Files.exists(lockFile) || EmbeddedPostgresServer.runsHere(dataDir)) {
            // Never open the lock file of a server in this JVM: closing any descriptor of it
            // would drop this process's lock.
            return EmbeddedPostgresServer.runsHere(dataDir);
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            // Unknown: assume it is in use rather than stop someone's server.
            return true;
        }
    }

    static boolean waitUntil(BooleanSupplier condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return condition.getAsBoolean();
            }
        }
        return true;
    }
}
