package dev.lectern.app;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every "METHOD /path" a router answers, sub-routers included, in OpenAPI path syntax ({@code
 * :id} becomes {@code {id}}). Routes without a method (authentication, body handling, the 404
 * fallback) are plumbing, not operations, and are left out.
 */
final class RegisteredRoutes {
    private RegisteredRoutes() {}

    static Set<String> of(Router router) {
        Set<String> operations = new TreeSet<>();
        collect(router, "", operations);
        return operations;
    }

    private static void collect(Router router, String prefix, Set<String> operations) {
        for (Route route : router.getRoutes()) {
            String path = route.getPath();
            if (route.getSubRouter() != null) {
                String mount = path == null ? "" : path.replaceAll("/?\\*?$", "");
                collect(route.getSubRouter(), prefix + mount, operations);
                continue;
            }
            Set<HttpMethod> methods = route.methods();
            if (path == null || methods == null || methods.isEmpty()) {
                continue;
            }
            String full = prefix + path;
            if (full.length() > 1 && full.endsWith("/")) {
                // Vert.x reports "/media/:id/*" as "/media/:id/": the rest of the path is one
                // parameter, documented as {path}.
                full = full + "{path}";
            }
            String openApiPath = full.replaceAll(":([A-Za-z0-9_]+)", "{$1}");
            for (HttpMethod method : methods) {
                operations.add(method.name() + " " + openApiPath);
            }
        }
    }
}
