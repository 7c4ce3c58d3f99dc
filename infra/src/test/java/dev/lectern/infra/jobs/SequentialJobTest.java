package dev.lectern.infra.jobs;

import static dev.lectern.infra.jobs.JobTestBed.FAST;
import static dev.lectern.infra.jobs.JobTestBed.await;
import static dev.lectern.infra.jobs.JobTestBed.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Sequential jobs")
class SequentialJobTest {
    private JobTestBed bed;

    @BeforeEach
    void start() {
        bed = new JobTestBed();
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    /** Runs {@code body} from an event loop, as the worker calls a handler. */
    private Future<Void> fromEventLoop(Context loop, SequentialJob.Body body) {
        Promise<Void> result = Promise.promise();
        loop.runOnContext(v -> SequentialJob.run(bed.vertx, body).onComplete(result));
        return result.future();
    }

    @Test
    @DisplayName(
            "the body runs on a virtual thread, awaits futures in order, and steps handed back"
                    + " run on the event loop it was started from")
    void awaitsInOrder() {
        Context loop = bed.vertx.getOrCreateContext();
        List<String> seen = new CopyOnWriteArrayList<>();
        await(
                fromEventLoop(
                        loop,
                        job -> {
                            seen.add("virtual " + Thread.currentThread().isVirtual());
                            bed.vertx.timer(30).await();
                            seen.add("timer");
                            String answer =
                                    job.onEventLoop(
                                                    () -> {
                                                        seen.add(
                                                                "same loop "
                                                                        + (Vertx.currentContext()
                                                                                == loop));
                                                        seen.add(
                                                                "event loop "
                                                                        + Context
                                                                                .isOnEventLoopThread());
                                                        return bed.vertx.timer(10).map("streamed");
                                                    })
                                            .await();
                            seen.add(answer);
                        }));

        assertThat(seen)
                .containsExactly(
                        "virtual true", "timer", "same loop true", "event loop true", "streamed");
    }

    @Test
    @DisplayName(
            "what the body throws, an awaited failure or an error, fails the future as it was"
                    + " thrown")
    void failuresKeepTheirType() {
        Context loop = bed.vertx.getOrCreateContext();
        PermanentJobFailure permanent = new PermanentJobFailure("unusable input");

        assertThatThrownBy(
                        () ->
                                await(
                                        fromEventLoop(
                                                loop,
                                                job ->
                                                        Future.<Void>failedFuture(permanent)
                                                                .await())))
                .cause()
                .isSameAs(permanent);
        assertThatThrownBy(
                        () ->
                                await(
                                        fromEventLoop(
                                                loop,
                                                job -> {
                                                    throw new AssertionError("a bug");
                                                })))
                .cause()
                .isInstanceOf(AssertionError.class)
                .hasMessage("a bug");
    }

    @Test
    @DisplayName(
            "two jobs of one worker run at once, and a cancel reaches a body that awaits the"
                    + " stop signal")
    void workerRunsAndCancels() {
        List<StopReason> stopped = new CopyOnWriteArrayList<>();
        JobHandler handler =
                context ->
                        SequentialJob.run(
                                bed.vertx,
                                job -> {
                                    stopped.add(context.stopSignal().await());
                                    throw new IllegalStateException("stopped");
                                });
        bed.deploy(
                bed.worker(
                        new JobHandlers().register("test.sequential", handler),
                        FAST,
                        Duration.ofSeconds(5)));
        long first = bed.enqueue(NewJob.of("test.sequential", null));
        long second = bed.enqueue(NewJob.of("test.sequential", null));
        waitUntil(
                "both jobs run",
                Duration.ofSeconds(5),
                () ->
                        bed.job(first).status() == JobStatus.RUNNING
                                && bed.job(second).status() == JobStatus.RUNNING);

        await(bed.queue.cancel(first));
        await(bed.queue.cancel(second));

        waitUntil(
                "both jobs are cancelled",
                Duration.ofSeconds(5),
                () ->
                        bed.job(first).status() == JobStatus.CANCELLED
                                && bed.job(second).status() == JobStatus.CANCELLED);
        assertThat(stopped).containsExactly(StopReason.CANCELLED, StopReason.CANCELLED);
    }
}
