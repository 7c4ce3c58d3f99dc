package dev.lectern.app;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

/** Vert.x with Micrometer metrics (HTTP server, pools, event loop) feeding a Prometheus registry. */
record VertxSetup(Vertx vertx, PrometheusMeterRegistry metrics) {
    static VertxSetup create() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.jvm.JvmGcMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.system.ProcessorMetrics().bindTo(registry);
        Vertx vertx =
                Vertx.builder()
                        .with(
                                new VertxOptions()
                                        .setMetricsOptions(
                                                new MicrometerMetricsOptions().setEnabled(true)))
                        .withMetrics(new MicrometerMetricsFactory(registry))
                        .build();
        return new VertxSetup(vertx, registry);
    }
}
