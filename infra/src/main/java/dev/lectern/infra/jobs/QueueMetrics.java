package dev.lectern.infra.jobs;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue as a scaler or an alert sees it, read from the jobs table every {@link #EVERY}: per
 * kind, how many jobs are due (queued and past their run time) and how long the oldest has waited.
 * Every process serving the API reports the same figures (they describe the shared queue), so
 * rules take the maximum over processes.
 */
public final class QueueMetrics extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(QueueMetrics.class);
    static final Duration EVERY = Duration.ofSeconds(10);
    static final String DUE =
            "SELECT kind, count(*) AS due,"
                    + " coalesce(extract(epoch FROM now() - min(run_after)), 0) AS oldest"
                    + " FROM jobs WHERE status = 'queued' AND run_after <= now() GROUP BY kind";

    private final Pool pool;
    private final MeterRegistry registry;
    private final Map<String, Figures> kinds = new ConcurrentHashMap<>();
    private long timer = -1;

    public QueueMetrics(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        this.registry = registry;
    }

    /** One kind's figures; gauges read them between refreshes. */
    private record Figures(AtomicLong due, AtomicLong oldestMillis) {}

    @Override
    public Future<?> start() {
        timer =
                vertx.setPeriodic(
                        0,
                        EVERY.toMillis(),
                        id ->
                                refresh()
                                        .onFailure(
                                                e ->
                                                        LOG.debug(
                                                                "queue metrics not read: {}",
                                                                e.getMessage())));
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timer);
        return Future.succeededFuture();
    }

    /** Reads the queue now; a kind with nothing due any more reads 0. */
    public Future<Void> refresh() {
        return pool.query(DUE)
                .execute()
                .map(
                        rows -> {
                            Map<String, Row> due = new HashMap<>();
                            rows.forEach(row -> due.put(row.getString("kind"), row));
                            due.keySet().forEach(this::figures);
                            kinds.forEach(
                                    (kind, figures) -> {
                                        Row row = due.get(kind);
                                        figures.due().set(row == null ? 0 : row.getLong("due"));
                                        figures.oldestMillis()
                                                .set(
                                                        row == null
                                                                ? 0
                                                                : Math.round(
                                                                        row.getNumeric("oldest")
                                                                                        .doubleValue()
                                                                                * 1000));
                                    });
                            return null;
                        });
    }

    private Figures figures(String kind) {
        return kinds.computeIfAbsent(
                kind,
                k -> {
                    Figures figures = new Figures(new AtomicLong(), new AtomicLong());
                    Gauge.builder("lectern.jobs.due", figures.due(), AtomicLong::get)
                            .description("Jobs queued and due now, waiting for a worker")
                            .tag("kind", k)
                            .register(registry);
                    Gauge.builder(
                                    "lectern.jobs.oldest.due.seconds",
                                    figures.oldestMillis(),
                                    millis -> millis.get() / 1000.0)
                            .description("How long the oldest due job has waited")
                            .tag("kind", k)
                            .register(registry);
                    return figures;
                });
    }
}
