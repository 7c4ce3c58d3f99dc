package dev.lectern.infra.health;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Liveness and readiness for load balancers and orchestrators. Live means the event loop answers;
 * ready means every dependency (PostgreSQL, S3) answered within the time limit just now.
 */
public final class Readiness {
    private static final long CHECK_TIMEOUT_MS = 3000;

    private final Map<String, Supplier<Future<?>>> checks = new LinkedHashMap<>();

    public Readiness check(String name, Supplier<Future<?>> check) {
        checks.put(name, check);
        return this;
    }

    public void live(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(new JsonObject().put("status", "up").encode());
    }

    public void ready(RoutingContext ctx) {
        JsonObject results = new JsonObject();
        List<Future<?>> running = new ArrayList<>();
        checks.forEach(
                (name, check) ->
                        running.add(
                                withTimeout(check)
                                        .onSuccess(v -> results.put(name, "up"))
                                        .onFailure(
                                                e -> results.put(name, "down: " + firstLine(e)))));
        Future.join(running)
                .onComplete(
                        done -> {
                            boolean up = running.stream().allMatch(Future::succeeded);
                            ctx.response()
                                    .setStatusCode(up ? 200 : 503)
                                    .putHeader("Content-Type", "application/json")
                                    .putHeader("Cache-Control", "no-store")
                                    .end(
                                            new JsonObject()
                                                    .put("status", up ? "up" : "down")
                                                    .put("checks", results)
                                                    .encode());
                        });
    }

    private Future<?> withTimeout(Supplier<Future<?>> check) {
        try {
            return check.get()
                    .timeout(CHECK_TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
