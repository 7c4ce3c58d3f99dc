package dev.lectern.catalog.api;

import dev.lectern.catalog.CatalogProblem;
import dev.lectern.catalog.lifecycle.TransitionRefused;
import dev.lectern.infra.http.Problems;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a refused lecture transition that reached the HTTP layer: 404 when the lecture is gone,
 * 409 naming the state that refused it otherwise. Installed before the general failure handler,
 * so any route (the catalog's, tus, imports) may let {@link TransitionRefused} through.
 */
public final class LifecycleFailures {
    private LifecycleFailures() {}

    public static void handle(RoutingContext ctx) {
        if (!(ctx.failure() instanceof TransitionRefused refused)) {
            ctx.next();
            return;
        }
        Problems.send(
                ctx,
                refused.lectureGone()
                        ? CatalogProblem.LECTURE_NOT_FOUND
                        : CatalogProblem.LECTURE_STATE_CONFLICT,
                refused.getMessage(),
                new JsonObject());
    }
}
