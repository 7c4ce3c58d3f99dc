package dev.lectern.infra.jobs;

import static dev.lectern.infra.jobs.JobTestBed.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Queue depth and age per kind, for scalers and alerts")
class QueueMetricsTest {

    @Test
    @DisplayName(
            "counts only queued jobs past their run time, reports the oldest's wait, and reads 0 once they are gone")
    void dueJobsPerKind() {
        try (JobTestBed bed = new JobTestBed()) {
            job(bed, "test.transcode", "queued", "now() - interval '30 seconds'");
            job(bed, "test.transcode", "queued", "now() - interval '5 seconds'");
            job(bed, "test.transcode", "queued", "now() + interval '1 hour'");
            job(bed, "test.transcode", "succeeded", "now() - interval '1 hour'");
            job(bed, "test.import", "queued", "now() - interval '2 seconds'");
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            QueueMetrics metrics = new QueueMetrics(bed.pool, registry);

            await(metrics.refresh());
            assertThat(gauge(registry, "lectern.jobs.due", "test.transcode")).isEqualTo(2);
            assertThat(gauge(registry, "lectern.jobs.oldest.due.seconds", "test.transcode"))
                    .isCloseTo(30, within(3.0));
            assertThat(gauge(registry, "lectern.jobs.due", "test.import")).isEqualTo(1);

            await(bed.pool.query("DELETE FROM jobs WHERE kind = 'test.transcode'").execute());
            await(metrics.refresh());
            assertThat(gauge(registry, "lectern.jobs.due", "test.transcode")).isZero();
            assertThat(gauge(registry, "lectern.jobs.oldest.due.seconds", "test.transcode"))
                    .isZero();
            assertThat(gauge(registry, "lectern.jobs.due", "test.import")).isEqualTo(1);
        }
    }

    private static double gauge(SimpleMeterRegistry registry, String name, String kind) {
        return registry.get(name).tag("kind", kind).gauge().value();
    }

    private static void job(JobTestBed bed, String kind, String status, String runAfter) {
        String lease =
                status.equals("running") ? "'host/1/x', now() + interval '1 minute'" : "NULL, NULL";
        await(
                bed.pool
                        .query(
                                "INSERT INTO jobs (kind, status, run_after, lease_owner, lease_expires_at)"
                                        + " VALUES ('"
                                        + kind
                                        + "', '"
                                        + status
                                        + "', "
                                        + runAfter
                                        + ", "
                                        + lease
                                        + ")")
                        .execute());
    }
}
