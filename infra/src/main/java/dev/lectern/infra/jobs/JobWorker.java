package dev.lectern.infra.jobs;

import dev.lectern.infra.config.InfraConfig.WorkerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims and runs jobs of the registered kinds, up to the configured concurrency. It sleeps until
 * PostgreSQL notifies it of new work (with a slow fallback poll and a timer for the next delayed
 * job), renews its leases and sweeps lapsed ones every heartbeat, and on undeploy stops claiming,
 * lets running jobs finish within the shutdown grace, then hands the rest back to the queue.
 *
 * <p>All state is touched on this verticle's context only.
 */
public final class JobWorker extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(JobWorker.class);

    /** When a due job exists but another claimer holds it, look again after this long. */
    private static final long DUE_RETRY_MILLIS = 250;

    private final String lane;
    private final Pool pool;
    private final PgConnectOptions listenOptions;
    private final JobHandlers handlers;
    private final String[] kinds;
    private final WorkerConfig config;
    private final Duration shutdownGrace;
    private final RetryPolicy retry;
    private final String owner;
    private final Map<Long, RunningJob> running = new ConcurrentHashMap<>();
    private final JobMetrics metrics;
    private JobLeases leases;
    private JobQueue queue;
    private JobNotifications notifications;
    private boolean claiming;
    private boolean wakeAgain;
    private boolean stopping;
    private long heartbeatTimer = -1;
    private long pollTimer = -1;
    private long dueTimer = -1;

    /**
     * @param lane which of the process's workers this is ({@code main}, {@code background}), for
     *     logs and metrics: a process may run one per lane, each with its own kinds and concurrency
     * @param listenOptions where to open the dedicated LISTEN connection (the pool's server)
     */
    public JobWorker(
            String lane,
            Pool pool,
            PgConnectOptions listenOptions,
            JobHandlers handlers,
            WorkerConfig config,
            Duration shutdownGrace,
            MeterRegistry registry) {
        this.lane = lane;
        this.pool = pool;
        this.listenOptions = listenOptions;
        this.handlers = handlers;
        this.kinds = handlers.kindArray();
        this.config = config;
        this.shutdownGrace = shutdownGrace;
        this.retry = RetryPolicy.withBase(config.retryBaseDelay());
        this.owner = ownerName();
        this.metrics = new JobMetrics(registry, lane, running);
    }

    private static String ownerName() {
        String host = System.getenv().getOrDefault("HOSTNAME", "host");
        String unique = UUID.randomUUID().toString().substring(0, 8);
        return host + "/" + ProcessHandle.current().pid() + "/" + unique;
    }

    /** The name this worker writes into {@code lease_owner}. */
    public String owner() {
        return owner;
    }

    /** How many jobs this worker runs right now. */
    public int runningCount() {
        return running.size();
    }

    /** Backend pid of the LISTEN session, 0 while disconnected; lets tests cut the connection. */
    int listenerBackendPid() {
        return notifications.backendPid();
    }

    @Override
    public Future<?> start() {
        leases = new JobLeases(pool);
        queue = new JobQueue(pool, config.maxAttempts());
        notifications =
                new JobNotifications(
                        vertx,
                        listenOptions,
                        config.pollInterval(),
                        this::wake,
                        this::cancelNoticed);
        heartbeatTimer = vertx.setPeriodic(config.heartbeat().toMillis(), id -> heartbeat(true));
        pollTimer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> wake());
        return notifications
                .start()
                .onSuccess(
                        v -> {
                            LOG.info(
                                    "job worker {} ({} lane) running kinds {} with concurrency {}",
                                    owner,
                                    lane,
                                    handlers.kinds(),
                                    config.concurrency());
                            wake();
                        });
    }

    /** Looks for work now: called on notifications, timers and whenever a slot frees up. */
    private void wake() {
        if (stopping) {
            return;
        }
        if (claiming) {
            wakeAgain = true;
            return;
        }
        if (running.size() >= config.concurrency() || kinds.length == 0) {
            return;
        }
        claiming = true;
        wakeAgain = false;
        leases.claim(owner, kinds, config.lease()).onComplete(this::claimed);
    }

    private void claimed(AsyncResult<Optional<Job>> result) {
        claiming = false;
        if (result.failed()) {
            // The fallback poll tries again; a database outage must not become a busy loop.
            LOG.warn("claiming a job failed: {}", result.cause().getMessage());
            return;
        }
        Optional<Job> job = result.result();
        if (job.isEmpty()) {
            if (wakeAgain) {
                wake();
            } else {
                scheduleNextDue();
            }
            return;
        }
        if (stopping) {
            leases.release(job.get().id(), owner);
            return;
        }
        launch(job.get());
        wake();
    }

    /** Sleeps until the next delayed job (a retry's backoff, say) is due, if before the poll. */
    private void scheduleNextDue() {
        leases.nextDue(kinds)
                .onSuccess(
                        wait -> {
                            if (stopping || wait.isEmpty()) {
                                return;
                            }
                            long millis = Math.max(wait.get(), DUE_RETRY_MILLIS);
                            if (millis >= config.pollInterval().toMillis()) {
                                return;
                            }
                            if (dueTimer >= 0) {
                                vertx.cancelTimer(dueTimer);
                            }
                            dueTimer =
                                    vertx.setTimer(
                                            millis,
                                            id -> {
                                                dueTimer = -1;
                                                wake();
                                            });
                        })
                .onFailure(e -> LOG.warn("reading the next due job failed: {}", e.getMessage()));
    }

    private void launch(Job job) {
        RunningJob run = new RunningJob(job, new JobContext(job, queue, owner));
        running.put(job.id(), run);
        metrics.claimed(job.kind());
        LOG.info(
                "job {} ({}) started, attempt {}/{}",
                job.id(),
                job.kind(),
                job.attempts(),
                job.maxAttempts());
        Future<Void> result;
        try {
            result = handlers.get(job.kind()).run(run.context);
            if (result == null) {
                result = Future.failedFuture(new IllegalStateException("handler returned null"));
            }
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        // Handlers may complete on another thread (an SDK callback): come back to this context.
        result.onComplete(outcome -> context.runOnContext(v -> finish(run, outcome)));
    }

    private void finish(RunningJob run, AsyncResult<Void> result) {
        if (run.released) {
            return;
        }
        Job job = run.job;
        Future<String> outcome;
        if (result.succeeded()) {
            outcome =
                    leases.succeed(job.id(), owner).map(held -> held ? "succeeded" : "lease_lost");
        } else if (run.context.stopReason() == StopReason.CANCELLED) {
            outcome =
                    leases.markCancelled(job.id(), owner)
                            .map(held -> held ? "cancelled" : "lease_lost");
        } else {
            Throwable cause = result.cause();
            LOG.warn(
                    "job {} ({}) attempt {} failed: {}",
                    job.id(),
                    job.kind(),
                    job.attempts(),
                    JobLeases.describe(cause));
            outcome =
                    leases.fail(
                                    job.id(),
                                    owner,
                                    cause,
                                    cause instanceof PermanentJobFailure,
                                    retry.delayAfter(job.attempts()),
                                    handlers)
                            .map(
                                    failure ->
                                            switch (failure) {
                                                case RETRY_SCHEDULED -> "retry_scheduled";
                                                case GAVE_UP -> "failed";
                                                case CANCELLED -> "cancelled";
                                                case LEASE_LOST -> "lease_lost";
                                            });
        }
        outcome.onComplete(
                written -> {
                    String label = written.succeeded() ? written.result() : "write_failed";
                    if (written.failed()) {
                        // The lease lapses and the sweep re-runs the job: at-least-once.
                        LOG.error(
                                "recording the outcome of job {} failed",
                                job.id(),
                                written.cause());
                    } else {
                        LOG.info("job {} ({}) finished: {}", job.id(), job.kind(), label);
                    }
                    running.remove(job.id());
                    metrics.attemptFinished(
                            job.kind(),
                            label,
                            Duration.ofNanos(System.nanoTime() - run.startedNanos));
                    run.done.tryComplete();
                    wake();
                });
    }

    /** Renews the leases of running jobs, tells handlers of cancel or loss, and sweeps. */
    private void heartbeat(boolean sweep) {
        if (!running.isEmpty()) {
            Long[] ids = running.keySet().toArray(Long[]::new);
            leases.heartbeat(owner, ids, config.lease())
                    .onSuccess(
                            held -> {
                                for (Long id : ids) {
                                    RunningJob run = running.get(id);
                                    Boolean cancelRequested = held.get(id);
                                    if (run == null || run.released) {
                                        continue;
                                    }
                                    if (cancelRequested == null) {
                                        run.context.requestStop(StopReason.LEASE_LOST);
                                    } else if (cancelRequested) {
                                        run.context.requestStop(StopReason.CANCELLED);
                                    }
                                }
                            })
                    .onFailure(e -> LOG.warn("renewing job leases failed: {}", e.getMessage()));
        }
        if (sweep && !stopping && kinds.length > 0) {
            leases.sweepExpired(handlers)
                    .onFailure(e -> LOG.warn("sweeping expired leases failed: {}", e.getMessage()));
        }
    }

    private void cancelNoticed(long jobId) {
        if (running.containsKey(jobId)) {
            heartbeat(false);
        }
    }

    @Override
    public Future<?> stop() {
        stopping = true;
        vertx.cancelTimer(pollTimer);
        if (dueTimer >= 0) {
            vertx.cancelTimer(dueTimer);
        }
        Future<Void> listenerClosed = notifications.close();
        Promise<Void> graceOver = Promise.promise();
        long graceTimer =
                vertx.setTimer(
                        Math.max(1, shutdownGrace.toMillis()), id -> graceOver.tryComplete());
        List<Future<Void>> inFlight = new ArrayList<>();
        running.values().forEach(run -> inFlight.add(run.done.future()));
        if (!inFlight.isEmpty()) {
            LOG.info(
                    "waiting up to {} ms for {} running jobs",
                    shutdownGrace.toMillis(),
                    inFlight.size());
        }
        Future.join(inFlight).onComplete(all -> graceOver.tryComplete());
        return graceOver
                .future()
                .compose(
                        v -> {
                            vertx.cancelTimer(graceTimer);
                            return releaseRunning();
                        })
                .eventually(
                        () -> {
                            vertx.cancelTimer(heartbeatTimer);
                            return listenerClosed.recover(e -> Future.succeededFuture());
                        });
    }

    /** Hands every job still running back to the queue, then tells its handler to stop. */
    private Future<Void> releaseRunning() {
        List<Future<Boolean>> releases = new ArrayList<>();
        for (RunningJob run : new ArrayList<>(running.values())) {
            run.released = true;
            releases.add(
                    leases.release(run.job.id(), owner)
                            .onComplete(
                                    released -> {
                                        LOG.info(
                                                "job {} released to the queue at shutdown",
                                                run.job.id());
                                        run.context.requestStop(StopReason.SHUTDOWN);
                                        running.remove(run.job.id());
                                        metrics.attemptFinished(
                                                run.job.kind(),
                                                "released",
                                                Duration.ofNanos(
                                                        System.nanoTime() - run.startedNanos));
                                        run.done.tryComplete();
                                    }));
        }
        return Future.join(releases)
                .<Void>mapEmpty()
                .recover(
                        e -> {
                            LOG.warn("releasing jobs at shutdown failed: {}", e.getMessage());
                            return Future.succeededFuture();
                        });
    }
}
