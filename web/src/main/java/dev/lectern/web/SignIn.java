package dev.lectern.web;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * How the pages sign users in, as they read it from {@code GET /auth/config}: with a pasted token
 * (embedded identity), or at the school's OpenID Connect provider with the authorization code
 * flow and PKCE. In the second case the browser itself redeems the code at the token endpoint, so
 * that endpoint's origin is the one place besides Lectern the pages may connect to.
 */
public record SignIn(
        String mode,
        String issuer,
        String authorizationEndpoint,
        String tokenEndpoint,
        String endSessionEndpoint,
        String clientId,
        List<String> scopes,
        String bearerToken) {

    public static final String EMBEDDED = "embedded";
    public static final String OIDC = "oidc";

    public SignIn {
        Objects.requireNonNull(mode);
        scopes = List.copyOf(scopes);
    }

    /** Paste a token (or follow the link {@code lectern serve} prints). */
    public static SignIn embedded() {
        return new SignIn(EMBEDDED, "", "", "", "", "", List.of(), "access_token");
    }

    /**
     * Sign in at the provider. {@code endSessionEndpoint} may be empty; {@code bearerToken} is
     * "access_token" or "id_token", the token the pages send to the API.
     */
    public static SignIn openIdConnect(
            String issuer,
            String authorizationEndpoint,
            String tokenEndpoint,
            String endSessionEndpoint,
            String clientId,
            List<String> scopes,
            String bearerToken) {
        if (!bearerToken.equals("access_token") && !bearerToken.equals("id_token")) {
            throw new IllegalArgumentException("bearer token must be access_token or id_token");
        }
        origin(tokenEndpoint);
        return new SignIn(
                OIDC,
                issuer,
                authorizationEndpoint,
                tokenEndpoint,
                endSessionEndpoint,
                clientId,
                scopes,
                bearerToken);
    }

    public boolean oidc() {
        return mode.equals(OIDC);
    }

    /** The document {@code GET /auth/config} answers: nothing secret, the same for everyone. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("mode", mode);
        if (oidc()) {
            json.put("issuer", issuer)
                    .put("authorizationEndpoint", authorizationEndpoint)
                    .put("tokenEndpoint", tokenEndpoint)
                    .put("clientId", clientId)
                    .put("scopes", String.join(" ", scopes))
                    .put("bearerToken", bearerToken);
            if (!endSessionEndpoint.isEmpty()) {
                json.put("endSessionEndpoint", endSessionEndpoint);
            }
        }
        return json;
    }

    /**
     * The extra {@code connect-src} the pages need: the token endpoint's origin with OpenID
     * Connect (the code is redeemed with fetch), nothing otherwise. The authorization and
     * end-session endpoints are page navigations, which {@code connect-src} does not govern.
     */
    public List<String> connectSources() {
        return oidc() ? List.of(origin(tokenEndpoint)) : List.of();
    }

    /** "https://login.school.edu:8443/oauth/token" → "https://login.school.edu:8443". */
    static String origin(String url) {
        URI uri = URI.create(url);
        if (uri.getScheme() == null || uri.getRawAuthority() == null) {
            throw new IllegalArgumentException("not an absolute URL: " + url);
        }
        // Only scheme, host and port reach the header: nothing from the path or query can
        // end the directive early or add one.
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        if (!origin.matches("[A-Za-z][A-Za-z0-9+.-]*://[A-Za-z0-9.\\-\\[\\]:]+")) {
            throw new IllegalArgumentException("unusable origin in " + url);
        }
        return origin;
    }
}
