package dev.lectern.web;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The teacher and student pages: one HTML shell, CSS and JavaScript modules served from the
 * classpath, plus the two front-end libraries (hls.js and tus-js-client, from the npm tarballs the
 * build unpacks). The pages talk only to the public {@code /api/v1}; they need no
 * server-side session, so these routes carry no authentication (the shell holds no data).
 */
public final class WebPages {
    /** The hls.js version the build unpacks (web/pom.xml); its file lives under this folder. */
    static final String HLS_JS_VERSION = "1.7.4";

    static final String ROOT = "lectern-web";

    /** Where the pages learn how to sign in (see {@link SignIn}); outside /api/v1, no token. */
    public static final String SIGN_IN_CONFIG_PATH = "/auth/config";

    private WebPages() {}

    /**
     * Scripts, styles, media and API calls only from this origin; blob: for hls.js (MediaSource
     * URLs and its transmuxing worker); no inline script, so an injected string cannot run. With
     * OpenID Connect the token endpoint's origin joins connect-src, as the pages redeem the
     * authorization code there.
     */
    static String contentSecurityPolicy(List<String> extraConnectSources) {
        String connect =
                extraConnectSources.isEmpty()
                        ? "'self'"
                        : "'self' " + String.join(" ", extraConnectSources);
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:;"
                + " media-src 'self' blob:; worker-src 'self' blob:; connect-src "
                + connect
                + "; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
    }

    /**
     * Adds {@code /}, {@code /assets/*}, {@code /vendor/*} and {@code /auth/config} to the root
     * router. The routes take no method (the handlers answer GET and HEAD and pass anything else
     * on to the 404): they are pages, not API operations, so the OpenAPI route check leaves them
     * out.
     */
    public static void mount(Router router, SignIn signIn) {
        String csp = contentSecurityPolicy(signIn.connectSources());
        Handler<RoutingContext> securityHeaders = ctx -> securityHeaders(ctx, csp);
        Buffer signInConfig = signIn.toJson().toBuffer();
        router.route(SIGN_IN_CONFIG_PATH)
                .handler(securityHeaders)
                .handler(ctx -> serveSignInConfig(ctx, signInConfig));

        // The shell is revalidated on every visit (ETag → 304), so a deploy shows at once.
        ClasspathAssets shell = new ClasspathAssets(ROOT, "no-cache");
        router.route("/").handler(securityHeaders).handler(ctx -> shell.serve(ctx, "index.html"));

        // The page's own files keep their names across deploys: a short max-age, then ETag
        // revalidation, keeps repeat visits cheap without serving stale code for long.
        ClasspathAssets own = new ClasspathAssets(ROOT, "public, max-age=300");
        router.route("/assets/*")
                .handler(securityHeaders)
                .handler(ctx -> own.serve(ctx, rest(ctx)));

        // hls.js carries its version in the path, so browsers may keep it for a year.
        ClasspathAssets hls =
                new ClasspathAssets(
                        ROOT + "/vendor/hls/" + HLS_JS_VERSION,
                        "public, max-age=31536000, immutable");
        router.route("/vendor/hls/" + HLS_JS_VERSION + "/*")
                .handler(ctx -> hls.serve(ctx, rest(ctx)));
        ClasspathAssets tus = new ClasspathAssets(ROOT + "/vendor", "public, max-age=300");
        router.route("/vendor/tus/*").handler(ctx -> tus.serve(ctx, rest(ctx)));
    }

    /** The request path after the route's fixed prefix ("/assets/js/app.js" → "js/app.js"). */
    private static String rest(RoutingContext ctx) {
        String path = ctx.request().path();
        String prefix = ctx.currentRoute().getPath();
        return path.length() > prefix.length() ? path.substring(prefix.length()) : "";
    }

    /**
     * The same small document for everyone: read before sign-in, so it carries nothing personal.
     * Revalidated on each load, so pages never keep a provider from before a restart with new
     * settings.
     */
    private static void serveSignInConfig(RoutingContext ctx, Buffer document) {
        HttpMethod method = ctx.request().method();
        if (!(method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD))) {
            ctx.next();
            return;
        }
        ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        if (method.equals(HttpMethod.HEAD)) {
            ctx.response()
                    .putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(document.length()))
                    .end();
        } else {
            ctx.response().end(document);
        }
    }

    private static void securityHeaders(RoutingContext ctx, String csp) {
        ctx.response()
                .putHeader("Content-Security-Policy", csp)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer");
        ctx.next();
    }
}
