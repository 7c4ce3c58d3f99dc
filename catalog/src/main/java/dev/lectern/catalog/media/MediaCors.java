package dev.lectern.catalog.media;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Cross-origin access to what a player needs, for the origins an administrator names (an LMS or a
 * school site running its own player): the playback answer (with the caller's bearer token) and
 * the media behind its signed URLs. Nothing else of the API is opened to other origins. Mounted
 * on the root router before the API's authentication, so a preflight needs no token. A request
 * from any other origin goes on without CORS headers (the browser then keeps the answer from the
 * page), and Lectern's own pages are not affected.
 */
public final class MediaCors implements Handler<RoutingContext> {
    private final List<String> origins;
    private final String methods;
    private final String allowedHeaders;
    private final String exposedHeaders;

    private MediaCors(
            List<String> origins, String methods, String allowedHeaders, String exposedHeaders) {
        this.origins = origins;
        this.methods = methods;
        this.allowedHeaders = allowedHeaders;
        this.exposedHeaders = exposedHeaders;
    }

    public static void mount(Router root, List<String> origins) {
        if (origins.isEmpty()) {
            return;
        }
        root.route("/api/v1/lectures/:lectureId/playback")
                .handler(new MediaCors(origins, "GET", "Authorization", "ETag"));
        root.route("/media/*")
                .handler(
                        new MediaCors(
                                origins,
                                "GET, HEAD",
                                "Range",
                                "Content-Length, Content-Range, Accept-Ranges, ETag"));
    }

    @Override
    public void handle(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        if (origin == null || !(origins.contains("*") || origins.contains(origin))) {
            ctx.next();
            return;
        }
        HttpServerResponse response = ctx.response();
        response.putHeader("Access-Control-Allow-Origin", origin);
        response.headers().add("Vary", "Origin");
        if (ctx.request().method() == HttpMethod.OPTIONS
                && ctx.request().getHeader("Access-Control-Request-Method") != null) {
            response.putHeader("Access-Control-Allow-Methods", methods)
                    .putHeader("Access-Control-Allow-Headers", allowedHeaders)
                    .putHeader("Access-Control-Max-Age", "86400")
                    .setStatusCode(204)
                    .end();
            return;
        }
        response.putHeader("Access-Control-Expose-Headers", exposedHeaders);
        ctx.next();
    }
}
