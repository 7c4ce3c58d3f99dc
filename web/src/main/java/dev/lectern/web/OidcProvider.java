package dev.lectern.web;

import dev.lectern.infra.config.ConfigException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;

/**
 * The endpoints of the school's OpenID Connect provider, read from its discovery document
 * (OpenID Connect Discovery 1.0). The pages send users to {@code authorizationEndpoint}, redeem
 * the code at {@code tokenEndpoint} from the browser, and sign out at {@code endSessionEndpoint}
 * (empty when the provider has none). {@code jwksUri} is where the provider says its keys are, to
 * compare with the JWKS URL the API verifies tokens with.
 */
public record OidcProvider(
        String issuer,
        String authorizationEndpoint,
        String tokenEndpoint,
        String endSessionEndpoint,
        String jwksUri) {

    /**
     * Fetches and checks the discovery document once. Fails with a one-line {@link
     * ConfigException} when it cannot be read, names another issuer (the spec requires the exact
     * issuer, so a token from elsewhere is never trusted), lacks an endpoint, uses plain http off
     * the loopback interface, or cannot do PKCE with S256.
     */
    public static Future<OidcProvider> discover(Vertx vertx, OidcConfig config) {
        WebClient client = WebClient.create(vertx);
        return client.getAbs(config.discoveryUrl())
                .putHeader("Accept", "application/json")
                .timeout(10_000)
                .send()
                .compose(
                        response -> {
                            if (response.statusCode() != 200) {
                                return Future.failedFuture("HTTP " + response.statusCode());
                            }
                            return Future.succeededFuture(
                                    from(response.bodyAsJsonObject(), config.issuer()));
                        })
                .recover(
                        e ->
                                Future.failedFuture(
                                        e instanceof ConfigException
                                                ? e
                                                : new ConfigException(
                                                        "cannot read the identity provider's"
                                                                + " discovery document "
                                                                + config.discoveryUrl()
                                                                + ": "
                                                                + e.getMessage(),
                                                        e)))
                .andThen(done -> client.close());
    }

    /** Checks a discovery document against the configured issuer. */
    static OidcProvider from(JsonObject document, String expectedIssuer) {
        String where = "the discovery document of " + expectedIssuer;
        if (document == null) {
            throw new ConfigException(where + " is not a JSON object");
        }
        String issuer = document.getString("issuer", "");
        if (!issuer.equals(expectedIssuer)) {
            throw new ConfigException(
                    where
                            + " names the issuer '"
                            + issuer
                            + "'; LECTERN_OIDC_ISSUER must be exactly that");
        }
        String authorization = endpoint(document, "authorization_endpoint", where, true);
        String token = endpoint(document, "token_endpoint", where, true);
        String endSession = endpoint(document, "end_session_endpoint", where, false);
        JsonArray methods = document.getJsonArray("code_challenge_methods_supported");
        // Providers that omit the list often still do PKCE; one that lists methods without
        // S256 would reject (or, worse, ignore) the challenge.
        if (methods != null && !methods.contains("S256")) {
            throw new ConfigException(
                    where + " does not list S256 in code_challenge_methods_supported: " + methods);
        }
        String jwks = document.getString("jwks_uri", "");
        return new OidcProvider(issuer, authorization, token, endSession, jwks);
    }

    private static String endpoint(
            JsonObject document, String field, String where, boolean required) {
        String url = document.getString(field, "");
        if (url.isEmpty()) {
            if (required) {
                throw new ConfigException(where + " has no " + field);
            }
            return "";
        }
        String problem = OidcConfig.unsafeUrlProblem(url);
        if (problem != null) {
            throw new ConfigException(where + ": " + field + " " + problem + ", got '" + url + "'");
        }
        return url;
    }
}
