package dev.lectern.app;

import dev.lectern.infra.config.InfraConfig.WorkerConfig;
import dev.lectern.infra.db.Database;
import dev.lectern.infra.embedded.EmbeddedServers.Hosting;
import dev.lectern.infra.jobs.JobHandlers;
import dev.lectern.infra.jobs.JobWorker;
import dev.lectern.infra.jobs.QueueMetrics;
import dev.lectern.infra.jobs.ScratchSweeper;
import dev.lectern.web.SignIn;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Lectern process. {@link #start} is the single wiring function used by {@code main},
 * the tests and the benchmarks, so they exercise exactly what operators run: the plumbing is
 * opened, the modules are composed once over it ({@link Modules}), then the HTTP event loops and
 * the worker are deployed on them.
 */
public final class Lectern implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Lectern.class);

    /** The job handlers of the feature modules. */
    static final JobRegistrations FEATURE_JOBS = Modules::registerJobs;

    private final Infrastructure infra;
    private final Modules modules;
    private final HttpApi http;
    private final OpsServer ops;
    private final List<String> deploymentIds;

    private Lectern(
            Infrastructure infra,
            Modules modules,
            HttpApi http,
            OpsServer ops,
            List<String> deploymentIds) {
        this.infra = infra;
        this.modules = modules;
        this.http = http;
        this.ops = ops;
        this.deploymentIds = deploymentIds;
    }

    static Lectern start(LecternConfig config, Set<Role> roles) {
        return start(config, roles, FEATURE_JOBS);
    }

    static Lectern start(LecternConfig config, Set<Role> roles, JobRegistrations jobs) {
        // The process serving the API hosts the embedded servers; workers on the same data
        // directory join it, so the one process a laptop must run anyway owns them.
        Infrastructure infra =
                Infrastructure.open(
                        config,
                        roles.contains(Role.API) ? Hosting.HOST : Hosting.JOIN,
                        Role.command(roles));
        Modules modules = Modules.compose(infra);
        List<String> deploymentIds = new ArrayList<>();
        try {
            HttpApi http = null;
            OpsServer ops = null;
            if (roles.contains(Role.API)) {
                // Instances listening on one port share its socket. Port 0 becomes -1: Vert.x's
                // "one random port shared by all who ask for -1".
                int port = config.infra().http().port() == 0 ? -1 : config.infra().http().port();
                SignIn signIn = Blocking.await(HttpApi.signIn(infra));
                http = new HttpApi(modules, signIn, port);
                deploymentIds.add(Blocking.await(infra.vertx.deployVerticle(http)));
                for (int i = 1; i < config.infra().http().eventLoops(); i++) {
                    HttpApi more = new HttpApi(modules, signIn, port);
                    deploymentIds.add(Blocking.await(infra.vertx.deployVerticle(more)));
                }
                modules.ingest().startSweeper();
                // The shared queue's depth and age per kind, for autoscalers and alerts.
                deploymentIds.add(
                        Blocking.await(
                                infra.vertx.deployVerticle(
                                        new QueueMetrics(infra.pool, infra.metrics))));
                LOG.info(
                        "HTTP API listening on {}:{} with {} event loops",
                        config.infra().http().host(),
                        http.port(),
                        config.infra().http().eventLoops());
            }
            if (roles.contains(Role.WORKER)) {
                JobHandlers main = new JobHandlers();
                JobHandlers background = new JobHandlers();
                jobs.register(modules, main, background);
                WorkerConfig worker = config.infra().worker();
                if (worker.mainLane()) {
                    deploymentIds.add(
                            Blocking.await(
                                    infra.vertx.deployVerticle(lane(infra, "main", main, worker))));
                }
                // Slow, optional work (automatic captions) has a lane of its own, so a transcode
                // or an import arriving meanwhile starts at once in the main lane.
                if (worker.backgroundConcurrency() > 0 && !background.kinds().isEmpty()) {
                    JobWorker lane =
                            lane(
                                    infra,
                                    "background",
                                    background,
                                    worker.withConcurrency(worker.backgroundConcurrency()));
                    deploymentIds.add(Blocking.await(infra.vertx.deployVerticle(lane)));
                }
                // What a killed worker left on this machine's disk goes at start, and what one
                // leaves later within a sweep period.
                deploymentIds.add(
                        Blocking.await(
                                infra.vertx.deployVerticle(
                                        new ScratchSweeper(
                                                infra.pool,
                                                Modules.scratchRoot(infra),
                                                worker.scratchSweep(),
                                                infra.metrics))));
            }
            var opsPort = config.infra().http().opsPort();
            if (http == null && opsPort.isPresent()) {
                ops = new OpsServer(infra, opsPort.getAsInt());
                deploymentIds.add(Blocking.await(infra.vertx.deployVerticle(ops)));
                LOG.info("health and metrics on {}:{}", config.infra().http().host(), ops.port());
            }
            return new Lectern(infra, modules, http, ops, deploymentIds);
        } catch (RuntimeException e) {
            modules.close();
            infra.close();
            throw e;
        }
    }

    private static JobWorker lane(
            Infrastructure infra, String name, JobHandlers handlers, WorkerConfig config) {
        return new JobWorker(
                name,
                infra.pool,
                Database.connectOptions(infra.database),
                handlers,
                config,
                infra.config.infra().shutdownGrace(),
                infra.metrics);
    }

    /** Starts API and worker in one process: what {@code lectern serve} and the tests run. */
    public static Lectern start(LecternConfig config) {
        return start(config, Set.of(Role.API, Role.WORKER));
    }

    public Infrastructure infrastructure() {
        return infra;
    }

    /** The port the HTTP server actually listens on. */
    public int port() {
        return http.port();
    }

    /** The port of the health and metrics listener of a process without the API. */
    int opsPort() {
        return ops.port();
    }

    /** The HTTP routes, for tests that check every route is documented. */
    io.vertx.ext.web.Router router() {
        return http.router();
    }

    public String baseUrl() {
        return infra.config.infra().http().publicUrlOr(port());
    }

    /**
     * Graceful stop: no new connections or jobs; requests and jobs in flight share the grace
     * period (both stop at once), then unfinished jobs go back to the queue.
     */
    @Override
    public void close() {
        List<Future<Void>> undeployed = new ArrayList<>();
        for (String id : deploymentIds) {
            undeployed.add(
                    infra.vertx
                            .undeploy(id)
                            .onFailure(
                                    e ->
                                            LOG.warn(
                                                    "{} did not stop cleanly: {}",
                                                    id,
                                                    e.getMessage())));
        }
        try {
            Blocking.await(Future.join(undeployed));
        } catch (RuntimeException e) {
            LOG.warn("graceful stop incomplete: {}", e.getMessage());
        }
        modules.close();
        infra.close();
    }
}
