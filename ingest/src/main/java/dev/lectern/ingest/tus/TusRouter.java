package dev.lectern.ingest.tus;

import dev.lectern.infra.auth.Authentication;
import dev.lectern.infra.http.Problems;
import dev.lectern.ingest.IngestConfig;
import dev.lectern.ingest.IngestProblem;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import java.util.Set;

/**
 * The tus 1.0.0 endpoint. Mounted before any body handler: PATCH bodies are streamed into the store
 * and never buffered whole. The request is paused first so no byte is lost while authentication
 * and the database are consulted.
 */
public final class TusRouter {
    static final String VERSION = "1.0.0";
    static final String EXTENSIONS =
            "creation,creation-with-upload,creation-defer-length,termination,checksum,expiration";
    private static final Set<String> TUS_HEADERS =
            Set.of(
                    "Tus-Resumable",
                    "Tus-Version",
                    "Tus-Extension",
                    "Tus-Max-Size",
                    "Tus-Checksum-Algorithm",
                    "Upload-Offset",
                    "Upload-Length",
                    "Upload-Metadata",
                    "Upload-Expires",
                    "Upload-Checksum",
                    "Upload-Defer-Length",
                    "Upload-Concat",
                    "Location");

    private TusRouter() {}

    /** Adds the tus routes under {@code /api/v1/uploads} to {@code router}. */
    public static void mount(
            Router router,
            Authentication authentication,
            UploadCreation creation,
            TusHandlers handlers,
            IngestConfig config) {
        String all = "/api/v1/uploads(/[^/]*)?";
        router.routeWithRegex(all)
                .handler(
                        ctx -> {
                            ctx.request().pause();
                            ctx.next();
                        });
        if (!config.corsOrigins().isEmpty()) {
            router.routeWithRegex(all).handler(cors(config));
        }
        router.routeWithRegex(all).handler(ctx -> tusHeaders(ctx, config));
        router.routeWithRegex(HttpMethod.OPTIONS, all).handler(ctx -> capabilities(ctx, config));
        router.routeWithRegex(all).handler(authentication);
        router.post("/api/v1/uploads").handler(creation::create);
        router.head(ID).handler(handlers::head);
        router.patch(ID).handler(handlers::patch);
        router.delete(ID).handler(handlers::delete);
        router.routeWithRegex(all).handler(ctx -> ctx.fail(405));
        router.routeWithRegex(all).failureHandler(TusRouter::failure);
    }

    private static final String ID = "/api/v1/uploads/:id";

    private static CorsHandler cors(IngestConfig config) {
        CorsHandler cors = CorsHandler.create();
        if (config.corsOrigins().contains("*")) {
            cors.addOriginWithRegex(".*");
        } else {
            cors.addOrigins(config.corsOrigins());
        }
        return cors.allowedMethods(
                        Set.of(
                                HttpMethod.POST,
                                HttpMethod.HEAD,
                                HttpMethod.PATCH,
                                HttpMethod.DELETE,
                                HttpMethod.OPTIONS))
                .allowedHeaders(
                        Set.of(
                                "Authorization",
                                "Content-Type",
                                "Tus-Resumable",
                                "Upload-Offset",
                                "Upload-Length",
                                "Upload-Metadata",
                                "Upload-Checksum",
                                "Upload-Defer-Length",
                                "Upload-Concat",
                                "X-HTTP-Method-Override",
                                "X-Requested-With"))
                .exposedHeaders(TUS_HEADERS)
                .maxAgeSeconds(86400);
    }

    private static void tusHeaders(RoutingContext ctx, IngestConfig config) {
        ctx.response().putHeader("Tus-Resumable", VERSION);
        if (ctx.request().method() != HttpMethod.OPTIONS
                && !VERSION.equals(ctx.request().getHeader("Tus-Resumable"))) {
            ctx.response().putHeader("Tus-Version", VERSION);
            Problems.send(
                    ctx,
                    IngestProblem.UNSUPPORTED_TUS_VERSION,
                    "Send Tus-Resumable: " + VERSION + ".",
                    new JsonObject());
            return;
        }
        ctx.next();
    }

    private static void capabilities(RoutingContext ctx, IngestConfig config) {
        ctx.response()
                .putHeader("Tus-Version", VERSION)
                .putHeader("Tus-Extension", EXTENSIONS)
                .putHeader("Tus-Max-Size", Long.toString(config.maxUploadBytes()))
                .putHeader("Tus-Checksum-Algorithm", Checksum.ADVERTISED)
                .setStatusCode(204)
                .end();
    }

    /**
     * A body the handler never read is not drained (it may be gigabytes), so the connection is
     * closed after the answer instead; the answer itself comes from the server's failure handlers,
     * as everywhere else.
     */
    private static void failure(RoutingContext ctx) {
        // HTTP/2 streams are reset on their own; only HTTP/1 needs the connection closed.
        if (!ctx.request().isEnded() && ctx.request().version() != HttpVersion.HTTP_2) {
            ctx.response().putHeader("Connection", "close");
            // The unread body is paused and never ends, so the server would otherwise keep the
            // connection open for as long as the client keeps sending.
            ctx.response().endHandler(v -> ctx.request().connection().close());
        }
        ctx.next();
    }
}
