package dev.lectern.infra.jobs;

import static dev.lectern.infra.jobs.JobTestBed.FAST;
import static dev.lectern.infra.jobs.JobTestBed.await;
import static dev.lectern.infra.jobs.JobTestBed.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Failing jobs and dead workers")
class JobFailureTest {
    private JobTestBed bed;

    @BeforeEach
    void start() {
        bed = new JobTestBed();
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    /** Fails every attempt and records when each started and every give-up it is told of. */
    private static final class AlwaysFails implements JobHandler {
        final List<Long> attemptNanos = new CopyOnWriteArrayList<>();
        final List<Job> gaveUp = new CopyOnWriteArrayList<>();
        final RuntimeException error;

        AlwaysFails(RuntimeException error) {
            this.error = error;
        }

        @Override
        public Future<Void> run(JobContext context) {
            attemptNanos.add(System.nanoTime());
            return Future.failedFuture(error);
        }

        @Override
        public Future<Void> onGiveUp(SqlConnection transaction, Job job) {
            gaveUp.add(job);
            // Proves the hook runs in the transaction that fails the job.
            return transaction
                    .query("SELECT status FROM jobs WHERE id = " + job.id())
                    .execute()
                    .compose(
                            rows -> {
                                assertThat(rows.iterator().next().getString(0)).isEqualTo("failed");
                                return Future.succeededFuture();
                            });
        }
    }

    @Test
    @DisplayName(
            "retries with growing delays, then fails keeping the last error and calls the"
                    + " give-up hook once")
    void retriesThenGivesUp() throws InterruptedException {
        AlwaysFails handler = new AlwaysFails(new IllegalStateException("disk full"));
        bed.deploy(
                bed.worker(
                        new JobHandlers().register("test.fail", handler),
                        FAST,
                        Duration.ofSeconds(5)));

        long id = bed.enqueue(NewJob.of("test.fail", null));

        waitUntil(
                "the job failed",
                Duration.ofSeconds(10),
                () -> bed.job(id).status() == JobStatus.FAILED);
        Job failed = bed.job(id);
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.lastError()).isEqualTo("IllegalStateException: disk full");
        assertThat(failed.leaseOwner()).isNull();
        assertThat(handler.attemptNanos).hasSize(3);
        // Base 200 ms, doubled, each spread by at most 20%.
        Duration firstGap = gap(handler.attemptNanos, 0);
        Duration secondGap = gap(handler.attemptNanos, 1);
        assertThat(firstGap).isBetween(Duration.ofMillis(160), Duration.ofMillis(1000));
        assertThat(secondGap).isBetween(Duration.ofMillis(320), Duration.ofMillis(1500));
        Thread.sleep(300);
        assertThat(handler.gaveUp).hasSize(1);
        assertThat(handler.gaveUp.get(0).id()).isEqualTo(id);
        assertThat(handler.gaveUp.get(0).lastError()).contains("disk full");
    }

    @Test
    @DisplayName("a permanent failure fails the job after one attempt")
    void permanentFailure() {
        AlwaysFails handler = new AlwaysFails(new PermanentJobFailure("not a video"));
        bed.deploy(
                bed.worker(
                        new JobHandlers().register("test.permanent", handler),
                        FAST,
                        Duration.ofSeconds(5)));

        long id = bed.enqueue(NewJob.of("test.permanent", null));

        waitUntil(
                "the job failed",
                Duration.ofSeconds(5),
                () -> bed.job(id).status() == JobStatus.FAILED);
        assertThat(bed.job(id).attempts()).isEqualTo(1);
        assertThat(handler.attemptNanos).hasSize(1);
        assertThat(handler.gaveUp).hasSize(1);
    }

    @Test
    @DisplayName("a job whose worker stopped heart-beating is taken over within lease plus sweep")
    void deadWorkerJobTakenOver() {
        List<String> ranBy = new CopyOnWriteArrayList<>();
        long id = bed.enqueue(NewJob.of("test.takeover", null));
        // A worker that claims and then dies: no heartbeat ever renews this lease.
        Job claimed =
                await(bed.leases.claim("dead-worker", new String[] {"test.takeover"}, FAST.lease()))
                        .orElseThrow();
        assertThat(claimed.id()).isEqualTo(id);
        long diedAt = System.nanoTime();
        JobWorker survivor =
                bed.worker(
                        new JobHandlers()
                                .register(
                                        "test.takeover",
                                        context -> {
                                            ranBy.add(context.job().leaseOwner());
                                            return Future.succeededFuture();
                                        }),
                        FAST,
                        Duration.ofSeconds(5));
        bed.deploy(survivor);

        waitUntil("the survivor ran the job", Duration.ofSeconds(6), () -> !ranBy.isEmpty());
        Duration takeover = Duration.ofNanos(System.nanoTime() - diedAt);
        assertThat(takeover).isLessThan(FAST.lease().plus(FAST.heartbeat()).plusMillis(1500));
        assertThat(ranBy).containsExactly(survivor.owner());
        waitUntil(
                "the job succeeded",
                Duration.ofSeconds(5),
                () -> bed.job(id).status() == JobStatus.SUCCEEDED);
        assertThat(bed.job(id).attempts()).isEqualTo(2);
        assertThat(await(bed.leases.succeed(id, "dead-worker")))
                .as("the dead worker cannot complete a job it lost")
                .isFalse();
    }

    @Test
    @DisplayName("a job whose last attempt's worker died is failed by the sweep, hook included")
    void deadWorkerOnLastAttempt() {
        AlwaysFails handler = new AlwaysFails(new IllegalStateException("unused"));
        long id = bed.enqueue(NewJob.of("test.lastdead", null).withMaxAttempts(1));
        await(bed.leases.claim("dead-worker", new String[] {"test.lastdead"}, FAST.lease()));
        bed.deploy(
                bed.worker(
                        new JobHandlers().register("test.lastdead", handler),
                        FAST,
                        Duration.ofSeconds(5)));

        waitUntil(
                "the job failed",
                Duration.ofSeconds(6),
                () -> bed.job(id).status() == JobStatus.FAILED);
        assertThat(bed.job(id).lastError()).contains("dead-worker");
        assertThat(handler.attemptNanos).isEmpty();
        assertThat(handler.gaveUp).hasSize(1);
    }

    @Test
    @DisplayName("a failing give-up hook does not leave the job running")
    void brokenHookStillFails() {
        JobHandler handler =
                new JobHandler() {
                    @Override
                    public Future<Void> run(JobContext context) {
                        return Future.failedFuture(new PermanentJobFailure("bad input"));
                    }

                    @Override
                    public Future<Void> onGiveUp(SqlConnection transaction, Job job) {
                        return Future.failedFuture(new IllegalStateException("hook broke"));
                    }
                };
        bed.deploy(
                bed.worker(
                        new JobHandlers().register("test.brokenhook", handler),
                        FAST,
                        Duration.ofSeconds(5)));

        long id = bed.enqueue(NewJob.of("test.brokenhook", null));

        waitUntil(
                "the job failed",
                Duration.ofSeconds(5),
                () -> bed.job(id).status() == JobStatus.FAILED);
        assertThat(bed.job(id).lastError()).isEqualTo("PermanentJobFailure: bad input");
    }

    @Test
    @DisplayName("a cancel request for a job whose worker died ends it cancelled, not re-run")
    void deadWorkerCancelled() {
        AlwaysFails handler = new AlwaysFails(new IllegalStateException("unused"));
        long id = bed.enqueue(NewJob.of("test.deadcancel", null));
        await(bed.leases.claim("dead-worker", new String[] {"test.deadcancel"}, FAST.lease()));
        assertThat(await(bed.queue.cancel(id))).isEqualTo(JobQueue.CancelOutcome.REQUESTED);
        bed.deploy(
                bed.worker(
                        new JobHandlers().register("test.deadcancel", handler),
                        FAST,
                        Duration.ofSeconds(5)));

        waitUntil(
                "the job is cancelled",
                Duration.ofSeconds(6),
                () -> bed.job(id).status() == JobStatus.CANCELLED);
        assertThat(handler.attemptNanos).isEmpty();
        assertThat(handler.gaveUp).isEmpty();
    }

    private static Duration gap(List<Long> nanos, int index) {
        return Duration.ofNanos(nanos.get(index + 1) - nanos.get(index));
    }
}
