package dev.lectern.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The teacher and student pages: one HTML shell, CSS and JavaScript modules served from the
 * classpath, plus the two front-end libraries (hls.js from its WebJar, tus-js-client from the npm
 * tarball the build unpacks). The pages talk only to the public {@code /api/v1}; they need no
 * server-side session, so these routes carry no authentication (the shell holds no data).
 */
public final class WebPages {
    /** The hls.js WebJar version the pom depends on; its files live under this version folder. */
    static final String HLS_JS_VERSION = "1.4.12";

    static final String ROOT = "lectern-web";

    /**
     * Scripts, styles, media and API calls only from this origin; blob: for hls.js (MediaSource
     * URLs and its transmuxing worker); no inline script, so an injected string cannot run.
     */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:;"
                    + " media-src 'self' blob:; worker-src 'self' blob:; connect-src 'self';"
                    + " object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private WebPages() {}

    /**
     * Adds {@code /}, {@code /assets/*} and {@code /vendor/*} to the root router. The routes take
     * no method (the handlers answer GET and HEAD and pass anything else on to the 404): they are
     * pages, not API operations, so the OpenAPI route check leaves them out.
     */
    public static void mount(Router router) {
        // The shell is revalidated on every visit (ETag → 304), so a deploy shows at once.
        ClasspathAssets shell = new ClasspathAssets(ROOT, "no-cache");
        router.route("/")
                .handler(WebPages::securityHeaders)
                .handler(ctx -> shell.serve(ctx, "index.html"));

        // The page's own files keep their names across deploys: a short max-age, then ETag
        // revalidation, keeps repeat visits cheap without serving stale code for long.
        ClasspathAssets own = new ClasspathAssets(ROOT, "public, max-age=300");
        router.route("/assets/*")
                .handler(WebPages::securityHeaders)
                .handler(ctx -> own.serve(ctx, rest(ctx)));

        // hls.js carries its version in the path, so browsers may keep it for a year.
        ClasspathAssets hls =
                new ClasspathAssets(
                        "META-INF/resources/webjars/hls.js/" + HLS_JS_VERSION + "/dist",
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

    private static void securityHeaders(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer");
        ctx.next();
    }
}
