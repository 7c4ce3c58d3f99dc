package dev.lectern.infra.jobs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;

/** Worker meters: jobs claimed, attempts by outcome with their duration, jobs running now. */
final class JobMetrics {
    private final MeterRegistry registry;

    JobMetrics(MeterRegistry registry, String lane, Map<Long, ?> running) {
        this.registry = registry;
        Gauge.builder("lectern.jobs.running", running, Map::size)
                .description("Jobs this process is running, by lane")
                .tag("lane", lane)
                .register(registry);
    }

    void claimed(String kind) {
        Counter.builder("lectern.jobs.claimed")
                .description("Jobs claimed by this process")
                .tag("kind", kind)
                .register(registry)
                .increment();
    }

    /**
     * One finished attempt. Outcomes: succeeded, retry_scheduled, failed, cancelled, released
     * (shutdown), lease_lost (another worker took over).
     */
    void attemptFinished(String kind, String outcome, Duration took) {
        Timer.builder("lectern.jobs.attempts")
                .description("Job attempts by outcome and how long they ran")
                .tag("kind", kind)
                .tag("outcome", outcome)
                .register(registry)
                .record(took);
    }
}
