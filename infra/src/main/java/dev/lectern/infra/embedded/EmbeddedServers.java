package dev.lectern.infra.embedded;

import dev.lectern.infra.config.ConfigException;
import dev.lectern.infra.config.DatabaseConfig;
import dev.lectern.infra.config.InfraConfig;
import dev.lectern.infra.config.Setting;
import dev.lectern.infra.config.StorageConfig;
import dev.lectern.infra.db.EmbeddedPostgresServer;
import dev.lectern.infra.storage.EmbeddedS3Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL and S3 of one data directory, shared by the Lectern processes on one
 * machine: one process hosts them (the one serving the API), the others ({@code lectern worker})
 * join it through {@code embedded.json}. The host keeps the same ports and S3 keys from one start to
 * the next, so a joined process reconnects by itself when the host is restarted.
 */
public final class EmbeddedServers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServers.class);
    private static final Duration HOST_START_WAIT = Duration.ofSeconds(90);
    private static final Duration LOCK_WAIT = Duration.ofSeconds(1);

    /** How a process takes part in its data directory's embedded servers. */
    public enum Hosting {
        /** Starts them; refused while another process hosts them ({@code serve}, {@code api}). */
        HOST,
        /** Uses those of the running host; refused when none runs ({@code worker}). */
        JOIN,
        /** Uses those of the running host, else hosts them for its own short life ({@code migrate}). */
        JOIN_OR_HOST
    }

    private final EmbeddedState state;
    private final List<AutoCloseable> owned;
    private final Path stateFile;
    private final HostMonitor monitor;

    private EmbeddedServers(
            EmbeddedState state, List<AutoCloseable> owned, Path stateFile, HostMonitor monitor) {
        this.state = state;
        this.owned = owned;
        this.stateFile = stateFile;
        this.monitor = monitor;
    }

    /**
     * Hosts or joins the embedded servers that {@code infra} asks for; nothing when it names an
     * external PostgreSQL and S3. {@code command} names this process in {@code embedded.json} and
     * in messages ({@code serve}, {@code worker}, …).
     */
    public static EmbeddedServers open(InfraConfig infra, Hosting hosting, String command) {
        boolean postgres = infra.database().embedded();
        boolean s3 = infra.storage().mode() == StorageConfig.Mode.EMBEDDED;
        if (!postgres && !s3) {
            return new EmbeddedServers(null, List.of(), null, null);
        }
        Path dataDir = infra.dataDir();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new ConfigException(
                    "cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
        }
        Path lockFile = dataDir.resolve(HostLock.FILE);
        Path stateFile = dataDir.resolve(EmbeddedState.FILE);
        if (hosting != Hosting.HOST) {
            Optional<EmbeddedState> host = runningHost(lockFile, stateFile);
            if (host.isPresent()) {
                return join(host.get(), infra, postgres, s3, lockFile, stateFile);
            }
            if (hosting == Hosting.JOIN) {
                throw new ConfigException(
                        "no Lectern process hosts the embedded PostgreSQL and S3 of "
                                + dataDir
                                + ": start `lectern serve` with this data directory first (a"
                                + " worker uses the servers it hosts), or set "
                                + Setting.DATABASE_URL.key()
                                + " and "
                                + Setting.S3_ENDPOINT.key()
                                + " to shared servers");
            }
        }
        HostLock lock = acquire(lockFile);
        if (lock == null) {
            EmbeddedState other = EmbeddedState.read(stateFile).orElse(null);
            throw new ConfigException(
                    (other == null
                                    ? "another process"
                                    : "another Lectern process (pid "
                                            + other.hostPid()
                                            + ", `lectern "
                                            + other.hostCommand()
                                            + "`)")
                            + " already hosts the embedded PostgreSQL and S3 of "
                            + dataDir
                            + "; add workers beside it with `lectern worker`, or give this process"
                            + " its own "
                            + Setting.DATA_DIR.key());
        }
        try {
            return host(infra, postgres, s3, command, lock, stateFile);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static HostLock acquire(Path lockFile) {
        // A joining process probes the lock for an instant; a host starting then tries again.
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        while (true) {
            HostLock lock = HostLock.tryAcquire(lockFile);
            if (lock != null || System.nanoTime() > deadline) {
                return lock;
            }
            sleep(100);
        }
    }

    private static EmbeddedServers host(
            InfraConfig infra,
            boolean postgres,
            boolean s3,
            String command,
            HostLock lock,
            Path stateFile) {
        Path dataDir = infra.dataDir();
        long pid = ProcessHandle.current().pid();
        EmbeddedState previous =
                EmbeddedState.read(stateFile)
                        .orElse(
                                new EmbeddedState(
                                        EmbeddedState.STOPPED, 0, "", 0, null, null, null));
        if (!previous.status().equals(EmbeddedState.STOPPED)) {
            LOG.warn(
                    "the Lectern process that hosted the embedded servers of {} before (pid {},"
                            + " `lectern {}`) ended without stopping them: killed or crashed",
                    dataDir,
                    previous.hostPid(),
                    previous.hostCommand());
        }
        previous.with(EmbeddedState.STARTING, pid, command).write(stateFile);
        List<AutoCloseable> owned = new ArrayList<>();
        owned.add(lock);
        try {
            int postgresPort = 0;
            if (postgres) {
                Path directory = dataDir.resolve("postgres");
                // A leftover server of a killed host still holds the port it should get back.
                EmbeddedPostgresServer.clearLeftovers(directory);
                EmbeddedPostgresServer server =
                        EmbeddedPostgresServer.start(
                                directory,
                                port(
                                        infra.database().port(),
                                        previous.postgresPort(),
                                        "PostgreSQL"));
                owned.add(server);
                postgresPort = server.port();
            }
            EmbeddedS3Server s3Server = null;
            if (s3) {
                boolean reuse = previous.hasS3();
                s3Server =
                        EmbeddedS3Server.start(
                                dataDir.resolve("s3"),
                                port(
                                        infra.storage().embeddedPort(),
                                        reuse ? previous.s3Endpoint().getPort() : 0,
                                        "S3"),
                                reuse ? previous.s3AccessKey() : EmbeddedS3Server.newAccessKey(),
                                reuse ? previous.s3SecretKey() : EmbeddedS3Server.newSecretKey());
                owned.add(s3Server);
            }
            EmbeddedState state =
                    new EmbeddedState(
                            EmbeddedState.RUNNING,
                            pid,
                            command,
                            postgresPort,
                            s3Server == null ? null : s3Server.endpoint(),
                            s3Server == null ? null : s3Server.accessKey(),
                            s3Server == null ? null : s3Server.secretKey());
            state.write(stateFile);
            LOG.info(
                    "hosting the embedded {} of {} for this machine: `lectern worker` with the same"
                            + " data directory joins them (addresses and keys in {}, readable by"
                            + " this user only)",
                    postgres && s3 ? "PostgreSQL and S3" : postgres ? "PostgreSQL" : "S3",
                    dataDir,
                    stateFile);
            return new EmbeddedServers(state, owned, stateFile, null);
        } catch (RuntimeException e) {
            // The lock goes last, in open().
            closeAll(owned.subList(1, owned.size()));
            previous.with(EmbeddedState.STOPPED, pid, command).write(stateFile);
            throw e;
        }
    }

    /**
     * The port asked for; else the previous run's, so joined processes find the servers again
     * where they were; else any free one.
     */
    private static int port(int configured, int remembered, String server) {
        if (configured > 0 || remembered <= 0) {
            return configured;
        }
        if (EmbeddedPostgresServer.isFree(remembered)) {
            return remembered;
        }
        LOG.warn(
                "port {} of the embedded {} of the previous run is taken by another program; using"
                        + " a new one, so processes still joined to the previous run must be"
                        + " restarted",
                remembered,
                server);
        return 0;
    }

    /** The state of the live host, waiting for one that is still starting; empty when none runs. */
    private static Optional<EmbeddedState> runningHost(Path lockFile, Path stateFile) {
        long deadline = System.nanoTime() + HOST_START_WAIT.toNanos();
        boolean told = false;
        while (HostLock.held(lockFile)) {
            Optional<EmbeddedState> state = EmbeddedState.read(stateFile);
            if (state.isPresent() && state.get().status().equals(EmbeddedState.RUNNING)) {
                return state;
            }
            if (System.nanoTime() > deadline) {
                throw new ConfigException(
                        "the Lectern process hosting the embedded servers of "
                                + lockFile.getParent()
                                + " did not finish starting within "
                                + HOST_START_WAIT.toSeconds()
                                + " s; see its log");
            }
            if (!told) {
                LOG.info(
                        "waiting for the Lectern process (pid {}) that is starting the embedded"
                                + " servers of {}",
                        state.map(s -> Long.toString(s.hostPid())).orElse("?"),
                        lockFile.getParent());
                told = true;
            }
            sleep(200);
        }
        return Optional.empty();
    }

    private static EmbeddedServers join(
            EmbeddedState host,
            InfraConfig infra,
            boolean postgres,
            boolean s3,
            Path lockFile,
            Path stateFile) {
        String hostName =
                "Lectern process " + host.hostPid() + " (`lectern " + host.hostCommand() + "`)";
        if (postgres && host.postgresPort() == 0) {
            throw new ConfigException(
                    hostName
                            + " runs no embedded PostgreSQL: give this process its "
                            + Setting.DATABASE_URL.key());
        }
        if (s3 && !host.hasS3()) {
            throw new ConfigException(
                    hostName
                            + " runs no embedded S3: give this process its "
                            + Setting.S3_ENDPOINT.key()
                            + " and keys");
        }
        LOG.info(
                "joined the embedded {} that {} hosts for {}",
                (postgres ? "PostgreSQL (127.0.0.1:" + host.postgresPort() + ")" : "")
                        + (postgres && s3 ? " and " : "")
                        + (s3 ? "S3 (" + host.s3Endpoint() + ")" : ""),
                hostName,
                infra.dataDir());
        return new EmbeddedServers(
                host, List.of(), null, HostMonitor.watch(host, lockFile, stateFile));
    }

    /** The database to use: the embedded server's when {@code configured} says embedded. */
    public DatabaseConfig database(DatabaseConfig configured) {
        if (!configured.embedded()) {
            return configured;
        }
        return new DatabaseConfig(
                false,
                "127.0.0.1",
                state.postgresPort(),
                "postgres",
                "postgres",
                "",
                configured.poolSize());
    }

    /** The store to use: the embedded server's when {@code configured} says embedded. */
    public StorageConfig storage(StorageConfig configured) {
        if (configured.mode() != StorageConfig.Mode.EMBEDDED) {
            return configured;
        }
        return configured.at(state.s3Endpoint(), state.s3AccessKey(), state.s3SecretKey());
    }

    @Override
    public void close() {
        if (monitor != null) {
            monitor.close();
        }
        if (stateFile != null && !owned.isEmpty()) {
            // Keeps the ports and keys for the next start; the lock is released last.
            List<AutoCloseable> servers = new ArrayList<>(owned.subList(1, owned.size()));
            closeAll(servers);
            state.with(EmbeddedState.STOPPED, state.hostPid(), state.hostCommand())
                    .write(stateFile);
            closeAll(List.of(owned.get(0)));
        }
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("error while stopping {}: {}", resources.get(i), e.getMessage());
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("interrupted while starting", e);
        }
    }
}
