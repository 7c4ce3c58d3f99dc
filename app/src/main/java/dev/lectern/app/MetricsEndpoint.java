package dev.lectern.app;

import dev.lectern.infra.auth.TokenService;
import dev.lectern.infra.config.InfraConfig.AuthConfig;
import dev.lectern.infra.http.ApiException;
import dev.lectern.infra.http.CommonProblem;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Prometheus metrics for admins or for a scraper holding {@code LECTERN_METRICS_TOKEN}. Metrics
 * reveal traffic and course activity, so they are not public.
 */
final class MetricsEndpoint implements Handler<RoutingContext> {
    private final PrometheusMeterRegistry registry;
    private final TokenService tokens;
    private final byte[] scrapeToken;

    MetricsEndpoint(PrometheusMeterRegistry registry, TokenService tokens, AuthConfig auth) {
        this.registry = registry;
        this.tokens = tokens;
        this.scrapeToken = auth.metricsToken().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        String token =
                header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : "";
        if (token.isEmpty()) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            ctx.fail(
                    new ApiException(
                            CommonProblem.UNAUTHENTICATED,
                            "Metrics need an admin token or the metrics token."));
            return;
        }
        if (scrapeToken.length > 0
                && MessageDigest.isEqual(scrapeToken, token.getBytes(StandardCharsets.UTF_8))) {
            send(ctx);
            return;
        }
        tokens.verify(token)
                .onSuccess(
                        identity -> {
                            if (identity.admin()) {
                                send(ctx);
                            } else {
                                ctx.fail(
                                        new ApiException(
                                                CommonProblem.FORBIDDEN,
                                                "Only admins may read metrics."));
                            }
                        })
                .onFailure(
                        e ->
                                ctx.fail(
                                        new ApiException(
                                                CommonProblem.UNAUTHENTICATED,
                                                "The bearer token is invalid or expired.")));
    }

    private void send(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(registry.scrape());
    }
}
