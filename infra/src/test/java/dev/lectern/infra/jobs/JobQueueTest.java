package dev.lectern.infra.jobs;

import static dev.lectern.infra.jobs.JobTestBed.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The job queue on PostgreSQL")
class JobQueueTest {
    private static final Duration LEASE = Duration.ofSeconds(10);
    private static JobTestBed bed;

    @BeforeAll
    static void start() {
        bed = new JobTestBed();
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    /** Each test uses kinds of its own, so claims never see another test's jobs. */
    private static String kind(String name) {
        return "queue." + name;
    }

    @Test
    @DisplayName("stores a job queued with its payload, priority and the default attempt limit")
    void enqueueAndGet() {
        long id =
                bed.enqueue(
                        NewJob.of(kind("stored"), new JsonObject().put("source", "a.mp4"))
                                .withPriority(7));

        Job job = bed.job(id);
        assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(job.kind()).isEqualTo(kind("stored"));
        assertThat(job.payload().getString("source")).isEqualTo("a.mp4");
        assertThat(job.priority()).isEqualTo(7);
        assertThat(job.maxAttempts()).isEqualTo(3);
        assertThat(job.attempts()).isZero();
        assertThat(await(bed.queue.get(id + 1_000_000))).isEmpty();
    }

    @Test
    @DisplayName("a replayed enqueue for a lecture with a live job of that kind returns that job")
    void idempotentEnqueue() {
        UUID lecture = bed.newLecture();
        NewJob job = NewJob.of(kind("once"), new JsonObject()).forLecture(lecture);

        long first = bed.enqueue(job);
        long replay = bed.enqueue(job);
        long otherKind = bed.enqueue(NewJob.of(kind("other"), null).forLecture(lecture));

        assertThat(replay).isEqualTo(first);
        assertThat(otherKind).isNotEqualTo(first);
        await(bed.queue.cancel(first));
        assertThat(bed.enqueue(job)).as("a finished job no longer blocks").isNotEqualTo(first);
    }

    @Test
    @DisplayName("a job enqueued in a transaction that rolls back never exists")
    void enqueueInsideCallerTransaction() {
        UUID lecture = bed.newLecture();
        NewJob job = NewJob.of(kind("tx"), null).forLecture(lecture);
        Future<Long> rolledBack =
                bed.pool.withTransaction(
                        connection ->
                                bed.queue
                                        .enqueue(connection, job)
                                        .compose(
                                                id ->
                                                        Future.<Long>failedFuture(
                                                                new IllegalStateException(
                                                                        "lecture update failed"))));
        assertThat(rolledBack.toCompletionStage().toCompletableFuture())
                .failsWithin(Duration.ofSeconds(10));

        assertThat(await(bed.leases.claim("w", new String[] {kind("tx")}, LEASE))).isEmpty();
        long committed = await(bed.pool.withTransaction(c -> bed.queue.enqueue(c, job)));
        assertThat(bed.job(committed).lectureId()).isEqualTo(lecture);
    }

    @Test
    @DisplayName("claims the lowest priority number first, then the oldest")
    void priorityOrder() {
        String[] kinds = {kind("prio")};
        long late = bed.enqueue(NewJob.of(kind("prio"), null).withPriority(100));
        long urgentOld = bed.enqueue(NewJob.of(kind("prio"), null).withPriority(10));
        long urgentNew = bed.enqueue(NewJob.of(kind("prio"), null).withPriority(10));

        assertThat(claimedId(kinds)).contains(urgentOld);
        assertThat(claimedId(kinds)).contains(urgentNew);
        assertThat(claimedId(kinds)).contains(late);
        assertThat(claimedId(kinds)).isEmpty();
    }

    @Test
    @DisplayName("does not hand out a job before its run_after")
    void runAfterRespected() throws InterruptedException {
        String[] kinds = {kind("later")};
        long id = bed.enqueue(NewJob.of(kind("later"), null).delayedBy(Duration.ofMillis(600)));

        assertThat(claimedId(kinds)).isEmpty();
        assertThat(await(bed.leases.nextDue(kinds)))
                .get()
                .satisfies(ms -> assertThat(ms).isBetween(1L, 600L));
        Thread.sleep(650);
        assertThat(claimedId(kinds)).contains(id);
    }

    @Test
    @DisplayName("cancelling a queued job ends it at once; cancelling it again changes nothing")
    void cancelQueued() {
        long id = bed.enqueue(NewJob.of(kind("cancel"), null));

        assertThat(await(bed.queue.cancel(id))).isEqualTo(JobQueue.CancelOutcome.CANCELLED);
        Job job = bed.job(id);
        assertThat(job.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(job.finishedAt()).isNotNull();
        assertThat(await(bed.queue.cancel(id))).isEqualTo(JobQueue.CancelOutcome.NOT_LIVE);
        assertThat(claimedId(new String[] {kind("cancel")})).isEmpty();
    }

    @Test
    @DisplayName("only the lease owner can complete, report progress on or release a job")
    void onlyOwnerChangesJob() {
        long id = bed.enqueue(NewJob.of(kind("owner"), null));
        Job claimed =
                await(bed.leases.claim("owner-a", new String[] {kind("owner")}, LEASE))
                        .orElseThrow();
        assertThat(claimed.id()).isEqualTo(id);
        assertThat(claimed.leaseOwner()).isEqualTo("owner-a");
        assertThat(claimed.attempts()).isEqualTo(1);

        assertThat(await(bed.leases.succeed(id, "owner-b"))).isFalse();
        assertThat(await(bed.queue.progress(id, "owner-b", new JsonObject().put("percent", 5))))
                .isFalse();
        assertThat(await(bed.leases.release(id, "owner-b"))).isFalse();
        assertThat(await(bed.queue.progress(id, "owner-a", new JsonObject().put("percent", 40))))
                .isTrue();
        assertThat(bed.job(id).progress().getInteger("percent")).isEqualTo(40);

        assertThat(await(bed.leases.release(id, "owner-a"))).isTrue();
        Job released = bed.job(id);
        assertThat(released.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(released.attempts()).as("a release gives the attempt back").isZero();
        assertThat(released.leaseOwner()).isNull();
    }

    @Test
    @DisplayName(
            "a job's secret stays while it is queued or running and is gone once it succeeds,"
                    + " fails or is cancelled; the rest of the payload stays")
    void secretsForgottenWhenJobsEnd() {
        JsonObject payload =
                new JsonObject()
                        .put("url", "https://example.org/a.mp4")
                        .put("secret", new JsonObject().put("authorization", "Bearer t"));
        String[] kinds = {kind("secret")};
        long succeeded = bed.enqueue(NewJob.of(kind("secret"), payload.copy()));
        long failed = bed.enqueue(NewJob.of(kind("secret"), payload.copy()).withMaxAttempts(1));
        long cancelled = bed.enqueue(NewJob.of(kind("secret"), payload.copy()));
        long waiting = bed.enqueue(NewJob.of(kind("secret"), payload.copy()));

        await(bed.queue.cancel(cancelled));
        assertThat(claimedId(kinds)).contains(succeeded);
        assertThat(bed.job(succeeded).payload().containsKey("secret")).as("while running").isTrue();
        assertThat(await(bed.leases.succeed(succeeded, "claimer"))).isTrue();
        assertThat(claimedId(kinds)).contains(failed);
        await(
                bed.leases.fail(
                        failed,
                        "claimer",
                        new IllegalStateException("no"),
                        true,
                        Duration.ZERO,
                        new JobHandlers()));

        for (long ended : new long[] {succeeded, failed, cancelled}) {
            Job job = bed.job(ended);
            assertThat(job.status())
                    .isIn(JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED);
            assertThat(job.payload().containsKey("secret")).as("job %d", ended).isFalse();
            assertThat(job.payload().getString("url")).isEqualTo("https://example.org/a.mp4");
        }
        assertThat(bed.job(waiting).payload().getJsonObject("secret").getString("authorization"))
                .isEqualTo("Bearer t");
    }

    private static Optional<Long> claimedId(String[] kinds) {
        return await(bed.leases.claim("claimer", kinds, LEASE)).map(Job::id);
    }
}
