package dev.lectern.infra.auth;

import dev.lectern.infra.http.ApiException;
import dev.lectern.infra.http.CommonProblem;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Requires a valid bearer token and makes the caller's {@link Identity} available to the handlers
 * after it. Media URLs carry their own signed token instead (see the catalog), so every route is
 * authenticated one way or the other.
 */
public final class Authentication implements Handler<RoutingContext> {
    private static final String KEY = "lectern.identity";

    private final TokenService tokens;

    public Authentication(TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String token = bearerToken(ctx);
        if (token == null) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            ctx.fail(
                    new ApiException(
                            CommonProblem.UNAUTHENTICATED,
                            "Send an Authorization: Bearer header."));
            return;
        }
        tokens.verify(token)
                .onSuccess(
                        identity -> {
                            ctx.put(KEY, identity);
                            ctx.next();
                        })
                .onFailure(
                        e -> {
                            ctx.response()
                                    .putHeader(
                                            "WWW-Authenticate", "Bearer error=\"invalid_token\"");
                            ctx.fail(
                                    new ApiException(
                                            CommonProblem.UNAUTHENTICATED,
                                            "The bearer token is invalid or expired."));
                        });
    }

    /** The identity a previous {@link Authentication} stored; fails the request if there is none. */
    public static Identity identity(RoutingContext ctx) {
        Identity identity = ctx.get(KEY);
        if (identity == null) {
            throw new ApiException(
                    CommonProblem.UNAUTHENTICATED, "Send an Authorization: Bearer header.");
        }
        return identity;
    }

    private static String bearerToken(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).trim();
            return token.isEmpty() ? null : token;
        }
        return null;
    }
}
