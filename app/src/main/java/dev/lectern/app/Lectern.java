package dev.lectern.app;

import dev.lectern.infra.config.LecternConfig;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Lectern process. {@link #start} is the single wiring function used by {@code main}
 * and by the tests, so the tests exercise exactly what operators run.
 */
public final class Lectern implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Lectern.class);

    private final Infrastructure infra;
    private final HttpApi http;
    private final String deploymentId;

    private Lectern(Infrastructure infra, HttpApi http, String deploymentId) {
        this.infra = infra;
        this.http = http;
        this.deploymentId = deploymentId;
    }

    static Lectern start(LecternConfig config, Set<Role> roles) {
        Infrastructure infra = Infrastructure.open(config);
        try {
            HttpApi http = null;
            String deploymentId = null;
            if (roles.contains(Role.API)) {
                http = new HttpApi(infra);
                deploymentId = Blocking.await(infra.vertx.deployVerticle(http));
                LOG.info("HTTP API listening on {}:{}", config.http().host(), http.port());
            }
            return new Lectern(infra, http, deploymentId);
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
        return infra.config.http().publicUrlOr(port());
    }

    /** Graceful stop: no new connections, requests and jobs in flight get the grace period. */
    @Override
    public void close() {
        if (deploymentId != null) {
            try {
                Blocking.await(infra.vertx.undeploy(deploymentId));
            } catch (RuntimeException e) {
                LOG.warn("HTTP server did not stop cleanly: {}", e.getMessage());
            }
        }
        infra.close();
    }
}
