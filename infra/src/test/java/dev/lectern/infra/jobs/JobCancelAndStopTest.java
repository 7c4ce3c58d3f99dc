package dev.lectern.infra.jobs;

import static dev.lectern.infra.jobs.JobTestBed.FAST;
import static dev.lectern.infra.jobs.JobTestBed.await;
import static dev.lectern.infra.jobs.JobTestBed.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Cancelling jobs and stopping workers")
class JobCancelAndStopTest {
    private JobTestBed bed;

    @BeforeEach
    void start() {
        bed = new JobTestBed();
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    /** Runs until told to stop, then fails saying why; records each attempt's context. */
    private static final class RunsUntilStopped implements JobHandler {
        final List<JobContext> contexts = new CopyOnWriteArrayList<>();

        @Override
        public Future<Void> run(JobContext context) {
            contexts.add(context);
            return context.stopSignal()
                    .compose(reason -> Future.failedFuture("stopped: " + reason));
        }
    }

    @Test
    @DisplayName("cancelling a running job stops its handler and ends it cancelled")
    void cancelRunning() {
        RunsUntilStopped handler = new RunsUntilStopped();
        bed.deploy(
                bed.worker(
                        new JobHandlers().register("test.long", handler),
                        FAST,
                        Duration.ofSeconds(5)));
        long id = bed.enqueue(NewJob.of("test.long", null));
        waitUntil("the job runs", Duration.ofSeconds(5), () -> !handler.contexts.isEmpty());

        long cancelledAt = System.nanoTime();
        assertThat(await(bed.queue.cancel(id))).isEqualTo(JobQueue.CancelOutcome.REQUESTED);

        waitUntil(
                "the job is cancelled",
                Duration.ofSeconds(5),
                () -> bed.job(id).status() == JobStatus.CANCELLED);
        assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt))
                .as("seen through NOTIFY or the next heartbeat")
                .isLessThan(FAST.heartbeat().multipliedBy(2).plusMillis(500));
        assertThat(handler.contexts).hasSize(1);
        assertThat(handler.contexts.get(0).stopReason()).isEqualTo(StopReason.CANCELLED);
        assertThat(bed.job(id).finishedAt()).isNotNull();
    }

    @Test
    @DisplayName(
            "a stopping worker releases unfinished jobs after the grace and another takes"
                    + " them at once, without losing an attempt")
    void gracefulStopReleases() {
        RunsUntilStopped first = new RunsUntilStopped();
        JobWorker stopping =
                bed.worker(
                        new JobHandlers().register("test.release", first),
                        FAST,
                        Duration.ofMillis(300));
        String deployment = bed.deploy(stopping);
        long id = bed.enqueue(NewJob.of("test.release", null));
        waitUntil("the job runs", Duration.ofSeconds(5), () -> !first.contexts.isEmpty());

        long stopAt = System.nanoTime();
        bed.undeploy(deployment);
        assertThat(Duration.ofNanos(System.nanoTime() - stopAt))
                .isBetween(Duration.ofMillis(300), Duration.ofSeconds(3));
        Job released = bed.job(id);
        assertThat(released.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(released.attempts()).isZero();
        assertThat(released.leaseOwner()).isNull();
        assertThat(first.contexts.get(0).stopReason()).isEqualTo(StopReason.SHUTDOWN);

        AtomicReference<Integer> attemptSeen = new AtomicReference<>();
        bed.deploy(
                bed.worker(
                        new JobHandlers()
                                .register(
                                        "test.release",
                                        context -> {
                                            attemptSeen.set(context.attempt());
                                            return Future.succeededFuture();
                                        }),
                        FAST,
                        Duration.ofSeconds(5)));
        waitUntil(
                "the other worker finished it",
                Duration.ofSeconds(3),
                () -> bed.job(id).status() == JobStatus.SUCCEEDED);
        assertThat(attemptSeen.get()).isEqualTo(1);
    }

    @Test
    @DisplayName("a stopping worker lets a job that ends within the grace finish normally")
    void gracefulStopWaits() {
        List<Long> started = new CopyOnWriteArrayList<>();
        JobHandler slow =
                context -> {
                    started.add(context.job().id());
                    Promise<Void> done = Promise.promise();
                    bed.vertx.setTimer(400, t -> done.complete());
                    return done.future();
                };
        String deployment =
                bed.deploy(
                        bed.worker(
                                new JobHandlers().register("test.slow", slow),
                                FAST,
                                Duration.ofSeconds(5)));
        long id = bed.enqueue(NewJob.of("test.slow", null));
        waitUntil("the job runs", Duration.ofSeconds(5), () -> started.contains(id));

        bed.undeploy(deployment);

        assertThat(bed.job(id).status()).isEqualTo(JobStatus.SUCCEEDED);
    }
}
