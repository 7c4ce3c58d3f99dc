package dev.lectern.infra.jobs;

import dev.lectern.infra.config.DatabaseConfig;
import dev.lectern.infra.config.InfraConfig.WorkerConfig;
import dev.lectern.infra.db.Database;
import dev.lectern.testkit.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** A fresh database, a pool, a queue and helpers to run workers against them. */
final class JobTestBed implements AutoCloseable {
    /** Short enough that the suite stays fast; the heartbeat is a third of the lease. */
    static final WorkerConfig FAST =
            new WorkerConfig(
                    2,
                    Duration.ofMillis(1500),
                    Duration.ofMillis(500),
                    Duration.ofSeconds(60),
                    Duration.ofMillis(200),
                    3,
                    1);

    final Vertx vertx = Vertx.vertx();
    final DatabaseConfig database = TestDatabase.freshDatabase();
    final Pool pool = await(Database.connect(vertx, database));
    final JobQueue queue = new JobQueue(pool, 3);
    final JobLeases leases = new JobLeases(pool);

    JobWorker worker(JobHandlers handlers, WorkerConfig config, Duration grace) {
        return new JobWorker(
                "main",
                pool,
                Database.connectOptions(database),
                handlers,
                config,
                grace,
                new SimpleMeterRegistry());
    }

    /** Deploys a worker and answers its deployment id. */
    String deploy(JobWorker worker) {
        return await(vertx.deployVerticle(worker));
    }

    void undeploy(String deploymentId) {
        await(vertx.undeploy(deploymentId));
    }

    Job job(long id) {
        return await(queue.get(id)).orElseThrow();
    }

    long enqueue(NewJob job) {
        return await(queue.enqueue(job));
    }

    /**
     * The id of a lecture for jobs that belong to one. Infra has no lectures table (the catalog
     * declares that reference), so any id groups jobs here.
     */
    UUID newLecture() {
        return UUID.randomUUID();
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out", e);
        }
    }

    /** Waits for a condition, failing with {@code what} after {@code timeout}. */
    static void waitUntil(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        await(vertx.close());
    }
}
