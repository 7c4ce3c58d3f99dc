package dev.lectern.catalog.lecture;

import dev.lectern.catalog.api.Input;
import dev.lectern.catalog.api.Responses;
import dev.lectern.catalog.media.MediaLinks;
import dev.lectern.catalog.media.MediaTokens;
import dev.lectern.infra.auth.Authentication;
import dev.lectern.infra.auth.Identity;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /search}: full-text search over the lectures the caller may see; caption and slide
 * matches come back with their timestamps so the player can jump there.
 */
public final class SearchRoutes {
    private final LectureSearch search;
    private final MediaTokens tokens;

    public SearchRoutes(LectureSearch search, MediaTokens tokens) {
        this.search = search;
        this.tokens = tokens;
    }

    public void mount(Router api) {
        api.get("/search").handler(this::search);
    }

    private void search(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        String q = Input.withoutNul("q", ctx.queryParams().get("q"));
        if (q == null || q.isBlank() || q.length() > 200) {
            throw Input.invalid("q", "is required, 1 to 200 characters");
        }
        String course = ctx.queryParams().get("course");
        UUID courseId = course == null || course.isEmpty() ? null : Input.uuid("course", course);
        int limit = Input.intQuery(ctx, "limit", 1, 50, 20);
        Instant now = Instant.now();
        search.search(who, q, courseId, limit)
                .compose(
                        hits -> {
                            // Slide pictures are media: their URLs carry a token per lecture.
                            List<Future<JsonObject>> items = new ArrayList<>(hits.size());
                            for (SearchHit hit : hits) {
                                UUID lectureId = hit.lecture().lecture().id();
                                items.add(
                                        hit.slideHits().isEmpty()
                                                ? Future.succeededFuture(hit.toJson(null))
                                                : tokens.issue(who, lectureId, now)
                                                        .map(
                                                                token ->
                                                                        hit.toJson(
                                                                                MediaLinks.of(
                                                                                        ctx,
                                                                                        lectureId,
                                                                                        token))));
                            }
                            return Future.all(items)
                                    .map(all -> new JsonArray(all.<JsonObject>list()));
                        })
                .onSuccess(items -> Responses.json(ctx, 200, new JsonObject().put("items", items)))
                .onFailure(ctx::fail);
    }
}
