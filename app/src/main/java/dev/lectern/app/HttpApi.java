package dev.lectern.app;

import dev.lectern.catalog.api.LifecycleFailures;
import dev.lectern.infra.auth.Authentication;
import dev.lectern.infra.auth.Identity;
import dev.lectern.infra.http.CommonProblem;
import dev.lectern.infra.http.Problems;
import dev.lectern.infra.http.RequestDeadline;
import dev.lectern.web.OidcConfig;
import dev.lectern.web.OidcProvider;
import dev.lectern.web.SignIn;
import dev.lectern.web.WebPages;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: health and metrics ({@link OpsServer#mountOpsRoutes}), the authenticated {@code /api/v1} and the pages. A process
 * deploys one instance per event loop ({@code LECTERN_HTTP_EVENT_LOOPS}); Vert.x spreads the
 * connections on the shared port across them; all of them mount the same composed modules.
 */
final class HttpApi extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private final Infrastructure infra;
    private final Modules modules;
    private final SignIn signIn;
    private final int port;
    private HttpServer server;
    private Router router;

    HttpApi(Modules modules, SignIn signIn, int port) {
        this.infra = modules.infra();
        this.modules = modules;
        this.signIn = signIn;
        this.port = port;
    }

    @Override
    public Future<?> start() {
        return listen();
    }

    /**
     * How the pages sign in: at the school's OpenID Connect provider when one is configured (its
     * endpoints read once from the discovery document, so a provider that cannot be reached or
     * does not match the settings stops the start with one line), otherwise with a pasted token.
     * Asked once per process, before the instances are deployed.
     */
    static Future<SignIn> signIn(Infrastructure infra) {
        OidcConfig oidc = infra.config.oidc();
        if (!oidc.enabled()) {
            return Future.succeededFuture(SignIn.embedded());
        }
        return OidcProvider.discover(infra.vertx, oidc)
                .onSuccess(provider -> warnAboutOtherKeys(infra, provider))
                .map(
                        provider ->
                                SignIn.openIdConnect(
                                        provider.issuer(),
                                        provider.authorizationEndpoint(),
                                        provider.tokenEndpoint(),
                                        provider.endSessionEndpoint(),
                                        oidc.clientId(),
                                        oidc.scopes(),
                                        oidc.bearerToken().field()));
    }

    /**
     * Keys from elsewhere are allowed (a proxy or a mirror of the JWKS), but usually a typo: every
     * sign-in would then end in a refused token, so the operator hears of it at start.
     */
    private static void warnAboutOtherKeys(Infrastructure infra, OidcProvider provider) {
        String verifiedWith = infra.config.infra().auth().jwksUrl();
        if (!provider.jwksUri().isEmpty() && !provider.jwksUri().equals(verifiedWith)) {
            LOG.warn(
                    "the identity provider publishes its keys at {} but tokens are verified with"
                            + " the keys at {} (LECTERN_AUTH_JWKS_URL)",
                    provider.jwksUri(),
                    verifiedWith);
        }
    }

    private Future<HttpServer> listen() {
        router = Router.router(vertx);
        router.route().handler(new RequestDeadline(infra.config.infra().http().answerDeadline()));
        OpsServer.mountOpsRoutes(router, infra);

        // tus streams request bodies, so it is mounted before the API's body handler.
        modules.ingest().mountUploads(router, new Authentication(infra.tokens));
        modules.ingest().mountWebhooks(router);

        Router api = Router.router(vertx);
        api.route().handler(new Authentication(infra.tokens));
        api.route()
                .handler(
                        BodyHandler.create().setBodyLimit(1024 * 1024).setHandleFileUploads(false));
        api.get("/me").handler(HttpApi::me);
        modules.catalog().mount(router, api);
        modules.ingest().mountApi(api);
        router.route("/api/v1/*").subRouter(api);
        WebPages.mount(router, signIn);

        router.route().last().handler(ctx -> ctx.fail(404));
        router.route().failureHandler(LifecycleFailures::handle);
        router.route().failureHandler(Problems::handle);
        router.errorHandler(
                405,
                ctx ->
                        Problems.send(
                                ctx, CommonProblem.METHOD_NOT_ALLOWED, null, new JsonObject()));

        return vertx.createHttpServer(
                        new HttpServerOptions()
                                .setCompressionSupported(true)
                                .setMaxChunkSize(64 * 1024)
                                // No HTTP/2 upgrade on plain TCP: an upgraded connection now and
                                // then got a large compressed answer as raw bytes, not frames
                                // (5 in 200 fresh connections). HTTP/2 belongs at the TLS proxy.
                                .setHttp2ClearTextEnabled(false))
                .requestHandler(router)
                .invalidRequestHandler(Problems::handleInvalid)
                .listen(port, infra.config.infra().http().host())
                .onSuccess(s -> server = s);
    }

    /** Who the token says the caller is: lets a page check a pasted token before using it. */
    private static void me(RoutingContext ctx) {
        Identity identity = Authentication.identity(ctx);
        ctx.json(
                new JsonObject()
                        .put("userId", identity.userId())
                        .put("displayName", identity.displayName())
                        .put("admin", identity.admin()));
    }

    /** The root router, so tests can compare the registered routes with the OpenAPI document. */
    Router router() {
        return router;
    }

    int port() {
        return server.actualPort();
    }

    /** Stops accepting connections, lets requests in flight finish within the grace period. */
    @Override
    public Future<?> stop() {
        Duration grace = infra.config.infra().shutdownGrace();
        return server == null
                ? Future.succeededFuture()
                : server.shutdown(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }
}
