package dev.lectern.app;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

/** Vert.x with Micrometer metrics (HTTP server, pools, event loop) feeding a Prometheus registry. */
record VertxSetup(Vertx vertx, PrometheusMeterRegistry metrics) {
    static VertxSetup create() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.jvm.JvmGcMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.system.ProcessorMetrics().bindTo(registry);
        MicrometerMetricsOptions options =
                new MicrometerMetricsOptions()
                        .setEnabled(true)
                        // Tells the clients apart by their names (S3 reads, URL imports, the
                        // PostgreSQL pool and the job-notification connection).
                        .addLabels(Label.CLIENT_NAME, Label.NAMESPACE);
        Vertx vertx =
                Vertx.builder()
                        .with(new VertxOptions().setMetricsOptions(options))
                        .withMetrics(new MicrometerMetricsFactory(registry))
                        .build();
        return new VertxSetup(vertx, registry);
    }
}
