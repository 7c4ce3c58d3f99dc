package dev.lectern.infra.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the log of a joined process when the host of its embedded servers stops and when it is back,
 * so the connection errors in between have a cause next to them. The process itself needs no help
 * to recover: its connections are opened again on the same ports with the same keys.
 */
final class HostMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HostMonitor.class);
    private static final Duration INTERVAL = Duration.ofSeconds(3);

    private final EmbeddedState joined;
    private final Path lockFile;
    private final Path stateFile;
    private final ScheduledExecutorService timer;
    private long hostPid;
    private boolean hostGone;

    private HostMonitor(EmbeddedState joined, Path lockFile, Path stateFile) {
        this.joined = joined;
        this.lockFile = lockFile;
        this.stateFile = stateFile;
        this.hostPid = joined.hostPid();
        this.timer =
                Executors.newSingleThreadScheduledExecutor(
                        r ->
                                Thread.ofPlatform()
                                        .daemon()
                                        .name("embedded-host-monitor")
                                        .unstarted(r));
        timer.scheduleWithFixedDelay(
                this::check, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    static HostMonitor watch(EmbeddedState joined, Path lockFile, Path stateFile) {
        return new HostMonitor(joined, lockFile, stateFile);
    }

    private void check() {
        try {
            look();
        } catch (RuntimeException e) {
            LOG.debug("cannot check the host of the embedded servers: {}", e.getMessage());
        }
    }

    private void look() {
        if (!HostLock.held(lockFile)) {
            if (!hostGone) {
                hostGone = true;
                LOG.warn(
                        "the Lectern process hosting the embedded servers of {} (pid {}) has"
                                + " stopped; this process carries on once `lectern {}` runs there"
                                + " again",
                        lockFile.getParent(),
                        hostPid,
                        joined.hostCommand());
            }
            return;
        }
        // A host restarted between two looks is only seen by its new pid.
        Optional<EmbeddedState> now =
                EmbeddedState.read(stateFile).filter(s -> s.status().equals(EmbeddedState.RUNNING));
        if (now.isEmpty() || now.get().hostPid() == hostPid) {
            return;
        }
        EmbeddedState host = now.get();
        long before = hostPid;
        hostPid = host.hostPid();
        hostGone = false;
        if (host.postgresPort() == joined.postgresPort()
                && Objects.equals(host.s3Endpoint(), joined.s3Endpoint())
                && Objects.equals(host.s3AccessKey(), joined.s3AccessKey())) {
            LOG.info(
                    "Lectern process {} hosts the embedded servers of {} again (pid {} stopped);"
                            + " reconnecting",
                    hostPid,
                    lockFile.getParent(),
                    before);
        } else {
            LOG.error(
                    "Lectern process {} hosts the embedded servers of {} again (pid {} stopped),"
                            + " but on other ports or with other keys; restart this process to"
                            + " join them",
                    hostPid,
                    lockFile.getParent(),
                    before);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
