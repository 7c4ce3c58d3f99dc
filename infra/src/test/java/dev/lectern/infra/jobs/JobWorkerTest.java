package dev.lectern.infra.jobs;

import static dev.lectern.infra.jobs.JobTestBed.FAST;
import static dev.lectern.infra.jobs.JobTestBed.await;
import static dev.lectern.infra.jobs.JobTestBed.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Job workers")
class JobWorkerTest {
    private JobTestBed bed;

    @BeforeEach
    void start() {
        bed = new JobTestBed();
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    @DisplayName("three workers run 60 jobs, each exactly once")
    void eachJobRunsOnce() {
        Map<Long, AtomicInteger> runs = new ConcurrentHashMap<>();
        Map<Long, String> ranBy = new ConcurrentHashMap<>();
        List<String> deployments = new ArrayList<>();
        List<JobWorker> workers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            JobHandlers handlers = new JobHandlers();
            JobWorker[] self = new JobWorker[1];
            handlers.register(
                    "test.count",
                    context -> {
                        runs.computeIfAbsent(context.job().id(), id -> new AtomicInteger())
                                .incrementAndGet();
                        ranBy.put(context.job().id(), self[0].owner());
                        Promise<Void> done = Promise.promise();
                        bed.vertx.setTimer(5, t -> done.complete());
                        return done.future();
                    });
            self[0] = bed.worker(handlers, FAST, Duration.ofSeconds(5));
            workers.add(self[0]);
            deployments.add(bed.deploy(self[0]));
        }
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ids.add(bed.enqueue(NewJob.of("test.count", new JsonObject().put("n", i))));
        }

        waitUntil("every job succeeded", Duration.ofSeconds(20), () -> succeeded(ids) == 60);
        assertThat(runs).hasSize(60);
        assertThat(runs.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(ranBy.values().stream().distinct().count())
                .as("the work was shared")
                .isGreaterThan(1);
        deployments.forEach(bed::undeploy);
    }

    @Test
    @DisplayName("a notification wakes an idle worker in under a second despite a 60 s poll")
    void notifyWakesIdleWorker() throws InterruptedException {
        AtomicLong startedAt = new AtomicLong();
        JobHandlers handlers = new JobHandlers();
        handlers.register(
                "test.wake",
                context -> {
                    startedAt.set(System.nanoTime());
                    return Future.succeededFuture();
                });
        bed.deploy(bed.worker(handlers, FAST, Duration.ofSeconds(5)));
        Thread.sleep(300); // let the worker's first look for work find nothing and go idle

        long enqueuedAt = System.nanoTime();
        long id = bed.enqueue(NewJob.of("test.wake", null));

        waitUntil("the job ran", Duration.ofSeconds(5), () -> startedAt.get() != 0);
        Duration latency = Duration.ofNanos(startedAt.get() - enqueuedAt);
        assertThat(latency).isLessThan(Duration.ofSeconds(1));
        waitUntil("the job succeeded", Duration.ofSeconds(5), () -> succeeded(List.of(id)) == 1);
    }

    @Test
    @DisplayName("a delayed job runs when due, not before, without waiting for the poll")
    void delayedJobRunsWhenDue() {
        AtomicLong startedAt = new AtomicLong();
        JobHandlers handlers = new JobHandlers();
        handlers.register(
                "test.delayed",
                context -> {
                    startedAt.set(System.nanoTime());
                    return Future.succeededFuture();
                });
        bed.deploy(bed.worker(handlers, FAST, Duration.ofSeconds(5)));

        long enqueuedAt = System.nanoTime();
        bed.enqueue(NewJob.of("test.delayed", null).delayedBy(Duration.ofMillis(800)));

        waitUntil("the job ran", Duration.ofSeconds(5), () -> startedAt.get() != 0);
        assertThat(Duration.ofNanos(startedAt.get() - enqueuedAt))
                .isBetween(Duration.ofMillis(800), Duration.ofMillis(2000));
    }

    @Test
    @DisplayName("the worker listens again after its notification connection is killed")
    void listenerReconnects() {
        List<Long> started = new CopyOnWriteArrayList<>();
        JobHandlers handlers = new JobHandlers();
        handlers.register(
                "test.reconnect",
                context -> {
                    started.add(context.job().id());
                    return Future.succeededFuture();
                });
        JobWorker worker = bed.worker(handlers, FAST, Duration.ofSeconds(5));
        bed.deploy(worker);
        int listener = worker.listenerBackendPid();
        assertThat(listener).isPositive();

        await(
                bed.pool
                        .preparedQuery("SELECT pg_terminate_backend($1)")
                        .execute(Tuple.of(listener)));
        waitUntil(
                "a new listening session",
                Duration.ofSeconds(5),
                () -> worker.listenerBackendPid() > 0 && worker.listenerBackendPid() != listener);
        long enqueuedAt = System.nanoTime();
        long id = bed.enqueue(NewJob.of("test.reconnect", null));

        waitUntil("the job ran", Duration.ofSeconds(5), () -> started.contains(id));
        assertThat(Duration.ofNanos(System.nanoTime() - enqueuedAt))
                .isLessThan(Duration.ofSeconds(2));
    }

    private int succeeded(List<Long> ids) {
        return await(
                        bed.pool
                                .preparedQuery(
                                        "SELECT count(*) FROM jobs WHERE id = ANY($1)"
                                                + " AND status = 'succeeded'")
                                .execute(Tuple.of((Object) ids.toArray(Long[]::new))))
                .iterator()
                .next()
                .getInteger(0);
    }
}
