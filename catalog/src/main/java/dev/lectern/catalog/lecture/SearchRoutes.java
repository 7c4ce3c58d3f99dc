package dev.lectern.catalog.lecture;

import dev.lectern.catalog.api.Input;
import dev.lectern.catalog.api.Responses;
import dev.lectern.infra.auth.Authentication;
import dev.lectern.infra.auth.Identity;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/**
 * {@code GET /search}: full-text search over the lectures the caller may see; caption matches come
 * back with their timestamps so the player can jump there.
 */
public final class SearchRoutes {
    private final LectureSearch search;

    public SearchRoutes(LectureSearch search) {
        this.search = search;
    }

    public void mount(Router api) {
        api.get("/search").handler(this::search);
    }

    private void search(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        String q = ctx.queryParams().get("q");
        if (q == null || q.isBlank() || q.length() > 200) {
            throw Input.invalid("q", "is required, 1 to 200 characters");
        }
        String course = ctx.queryParams().get("course");
        UUID courseId = course == null || course.isEmpty() ? null : Input.uuid("course", course);
        int limit = Input.intQuery(ctx, "limit", 1, 50, 20);
        search.search(who, q, courseId, limit)
                .onSuccess(
                        hits -> {
                            JsonArray items = new JsonArray();
                            hits.forEach(hit -> items.add(hit.toJson()));
                            Responses.json(ctx, 200, new JsonObject().put("items", items));
                        })
                .onFailure(ctx::fail);
    }
}
