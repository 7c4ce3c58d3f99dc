package dev.lectern.catalog.media;

import dev.lectern.catalog.CatalogProblem;
import dev.lectern.catalog.access.CourseAccess;
import dev.lectern.catalog.api.Input;
import dev.lectern.catalog.api.Responses;
import dev.lectern.infra.auth.Authentication;
import dev.lectern.infra.auth.Identity;
import dev.lectern.infra.http.ApiException;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code GET /lectures/{id}/playback}: everything a player needs, as URLs carrying a media token
 * for this user and lecture. Which files exist is read from the published rendition set, the
 * transcoder's own account of what it wrote.
 */
public final class PlaybackRoutes {
    private final PlaybackStore playback;
    private final CourseAccess access;
    private final MediaTokens tokens;

    public PlaybackRoutes(PlaybackStore playback, CourseAccess access, MediaTokens tokens) {
        this.playback = playback;
        this.access = access;
        this.tokens = tokens;
    }

    public void mount(Router api) {
        api.get("/lectures/:lectureId/playback").handler(this::playback);
    }

    private void playback(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID lectureId = Input.uuidParam(ctx, "lectureId");
        Instant now = Instant.now();
        String origin = ctx.request().scheme() + "://" + ctx.request().authority();
        access.requireLectureViewer(who, lectureId)
                .compose(l -> playback.published(lectureId, who.userId()))
                .compose(
                        published -> {
                            if (published.isEmpty()) {
                                return Future.failedFuture(
                                        new ApiException(
                                                CatalogProblem.NOT_PUBLISHED,
                                                "Processing has not produced anything to play yet; try again in a few seconds."));
                            }
                            return tokens.issue(who, lectureId, now)
                                    .map(
                                            token ->
                                                    published
                                                            .get()
                                                            .toJson(
                                                                    origin,
                                                                    token,
                                                                    now.plus(
                                                                            MediaTokens.LIFETIME)));
                        })
                .onSuccess(body -> Responses.json(ctx, 200, body))
                .onFailure(ctx::fail);
    }
}
