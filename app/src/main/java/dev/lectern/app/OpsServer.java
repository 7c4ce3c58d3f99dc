package dev.lectern.app;

import dev.lectern.infra.health.Readiness;
import dev.lectern.infra.http.Problems;
import dev.lectern.infra.http.RequestDeadline;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;

/**
 * Health and metrics of a process without the API ({@code lectern worker}) on {@code
 * LECTERN_OPS_PORT}: an orchestrator restarts a worker whose event loop hangs and keeps one whose
 * PostgreSQL or S3 is unreachable out of its count, and a scraper reads what the worker's jobs did.
 * Nothing else is served there.
 */
final class OpsServer extends VerticleBase {
    private final Infrastructure infra;
    private final int port;
    private HttpServer server;

    OpsServer(Infrastructure infra, int port) {
        this.infra = infra;
        this.port = port;
    }

    /** The routes every process with an HTTP listener answers, the API's included. */
    static void mountOpsRoutes(Router router, Infrastructure infra) {
        Readiness readiness =
                new Readiness()
                        .check("database", () -> infra.pool.query("SELECT 1").execute())
                        .check("storage", infra.store::ping);
        router.get("/health/live").handler(readiness::live);
        router.get("/health/ready").handler(readiness::ready);
        router.get("/metrics")
                .handler(
                        new MetricsEndpoint(
                                infra.metrics, infra.tokens, infra.config.infra().auth()));
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.route().handler(new RequestDeadline(infra.config.infra().http().answerDeadline()));
        mountOpsRoutes(router, infra);
        router.route().last().handler(ctx -> ctx.fail(404));
        router.route().failureHandler(Problems::handle);
        return vertx.createHttpServer()
                .requestHandler(router)
                .invalidRequestHandler(Problems::handleInvalid)
                .listen(port, infra.config.infra().http().host())
                .onSuccess(s -> server = s);
    }

    int port() {
        return server.actualPort();
    }

    @Override
    public Future<?> stop() {
        return server == null ? Future.succeededFuture() : server.shutdown(1, TimeUnit.SECONDS);
    }
}
