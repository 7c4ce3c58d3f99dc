package dev.lectern.app;

import dev.lectern.catalog.lifecycle.LectureLifecycle;
import dev.lectern.catalog.lifecycle.PgLectureLifecycle;
import dev.lectern.infra.db.Database;
import dev.lectern.infra.jobs.JobHandlers;
import dev.lectern.infra.jobs.JobWorker;
import dev.lectern.infra.media.MediaProbe;
import dev.lectern.ingest.Imports;
import dev.lectern.ingest.Ingest;
import dev.lectern.ingest.importer.ImportJobs;
import dev.lectern.ingest.tus.AcceptSourceJob;
import dev.lectern.transcode.ffmpeg.FfmpegTranscoder;
import dev.lectern.transcode.ffmpeg.TranscodeOptions;
import dev.lectern.transcode.worker.TranscodeJobHandler;
import dev.lectern.web.SignIn;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Lectern process. {@link #start} is the single wiring function used by {@code main}
 * and by the tests, so the tests exercise exactly what operators run.
 */
public final class Lectern implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Lectern.class);

    /** The job handlers of the feature modules; a module adds its kinds here when it has some. */
    static final JobRegistrations FEATURE_JOBS =
            (infra, handlers) -> {
                handlers.register(
                        LectureLifecycle.TRANSCODE_JOB,
                        new TranscodeJobHandler(
                                infra.vertx,
                                new PgLectureLifecycle(
                                        infra.pool, infra.config.infra().worker().maxAttempts()),
                                infra.store,
                                new MediaProbe(infra.mediaTools),
                                new FfmpegTranscoder(
                                        infra.mediaTools,
                                        TranscodeOptions.from(infra.config.transcode())),
                                infra.config
                                        .infra()
                                        .dataDir()
                                        .resolve("tmp")
                                        .resolve("transcode")));
                handlers.register(
                        ImportJobs.KIND,
                        Imports.create(
                                        infra.vertx,
                                        infra.pool,
                                        infra.store,
                                        infra.mediaTools,
                                        infra.config.ingest(),
                                        infra.config.imports(),
                                        infra.config.infra().dataDir(),
                                        infra.config.infra().worker().maxAttempts())
                                .jobHandler());
                handlers.register(
                        AcceptSourceJob.KIND,
                        Ingest.acceptSourceJob(
                                infra.vertx,
                                infra.pool,
                                infra.store,
                                infra.mediaTools,
                                infra.config.ingest(),
                                infra.config.infra().dataDir(),
                                infra.config.infra().worker().maxAttempts()));
            };

    private final Infrastructure infra;
    private final HttpApi http;
    private final List<String> deploymentIds;

    private Lectern(Infrastructure infra, HttpApi http, List<String> deploymentIds) {
        this.infra = infra;
        this.http = http;
        this.deploymentIds = deploymentIds;
    }

    static Lectern start(LecternConfig config, Set<Role> roles) {
        return start(config, roles, FEATURE_JOBS);
    }

    static Lectern start(LecternConfig config, Set<Role> roles, JobRegistrations jobs) {
        Infrastructure infra = Infrastructure.open(config);
        List<String> deploymentIds = new ArrayList<>();
        try {
            HttpApi http = null;
            if (roles.contains(Role.API)) {
                // Instances listening on one port share its socket. Port 0 becomes -1: Vert.x's
                // "one random port shared by all who ask for -1".
                int port = config.infra().http().port() == 0 ? -1 : config.infra().http().port();
                SignIn signIn = Blocking.await(HttpApi.signIn(infra));
                http = new HttpApi(infra, signIn, port, true);
                deploymentIds.add(Blocking.await(infra.vertx.deployVerticle(http)));
                for (int i = 1; i < config.infra().http().eventLoops(); i++) {
                    HttpApi more = new HttpApi(infra, signIn, port, false);
                    deploymentIds.add(Blocking.await(infra.vertx.deployVerticle(more)));
                }
                LOG.info(
                        "HTTP API listening on {}:{} with {} event loops",
                        config.infra().http().host(),
                        http.port(),
                        config.infra().http().eventLoops());
            }
            if (roles.contains(Role.WORKER)) {
                JobHandlers handlers = new JobHandlers();
                jobs.register(infra, handlers);
                JobWorker worker =
                        new JobWorker(
                                infra.pool,
                                Database.connectOptions(infra.database),
                                handlers,
                                config.infra().worker(),
                                config.infra().shutdownGrace(),
                                infra.metrics);
                deploymentIds.add(Blocking.await(infra.vertx.deployVerticle(worker)));
            }
            return new Lectern(infra, http, deploymentIds);
        } catch (RuntimeException e) {
            infra.close();
            throw e;
        }
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
        infra.close();
    }
}
