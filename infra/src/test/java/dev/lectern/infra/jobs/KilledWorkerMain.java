package dev.lectern.infra.jobs;

import dev.lectern.infra.config.DatabaseConfig;
import dev.lectern.infra.config.InfraConfig.WorkerConfig;
import dev.lectern.infra.db.Database;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;

/**
 * A worker process for {@link WorkerKillTest}: runs jobs of kind {@code test.victim} that never
 * finish, says so on stdout, and waits to be killed.
 *
 * <p>Arguments: host port database user password leaseMillis heartbeatMillis.
 */
public final class KilledWorkerMain {
    private KilledWorkerMain() {}

    public static void main(String[] args) {
        DatabaseConfig database =
                new DatabaseConfig(
                        false, args[0], Integer.parseInt(args[1]), args[2], args[3], args[4], 2);
        WorkerConfig config =
                new WorkerConfig(
                        1,
                        Duration.ofMillis(Long.parseLong(args[5])),
                        Duration.ofMillis(Long.parseLong(args[6])),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(1),
                        3,
                        1);
        Vertx vertx = Vertx.vertx();
        Pool pool = JobTestBed.await(Database.connect(vertx, database));
        JobHandlers handlers =
                new JobHandlers()
                        .register(
                                "test.victim",
                                context -> {
                                    System.out.println("RUNNING " + context.job().id());
                                    System.out.flush();
                                    return Promise.<Void>promise().future();
                                });
        JobTestBed.await(
                vertx.deployVerticle(
                        new JobWorker(
                                "main",
                                pool,
                                Database.connectOptions(database),
                                handlers,
                                config,
                                Duration.ofSeconds(30),
                                new SimpleMeterRegistry())));
    }
}
