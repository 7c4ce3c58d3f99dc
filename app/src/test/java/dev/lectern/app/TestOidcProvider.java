package dev.lectern.app;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small OpenID Connect provider on loopback for the sign-in tests: discovery document, an
 * authorize endpoint that signs in one fixed user at once (it stands in for the login form), a
 * token endpoint that checks the PKCE verifier against the stored challenge and the redirect URI,
 * ES256 tokens, the JWKS, CORS for the pages' origin and an end-session endpoint. Every decision
 * it takes is recorded, so tests can assert what the pages sent.
 */
final class TestOidcProvider implements AutoCloseable {
    static final String CLIENT_ID = "lectern-pages";

    /** The audience of access tokens: the API, as distinct from the pages' client id. */
    static final String API_AUDIENCE = "lectern-api";

    private static final String KEY_ID = "test-key-1";

    /** What one authorization request asked for, until its code is redeemed (once). */
    private record Grant(String challenge, String redirectUri, String nonce) {}

    /** One token request: whether it was answered with tokens, and why not. */
    record TokenRequest(boolean accepted, String verifier, String refusal) {}

    private final Vertx vertx = Vertx.vertx();
    private final KeyPair key;
    private final HttpServer server;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private volatile String pagesOrigin = "";
    private volatile String userId = "sam";
    private volatile String userName = "Sam Student";
    private volatile String tamperState = "";
    private volatile String refuseWith = "";

    final List<TokenRequest> tokenRequests = new CopyOnWriteArrayList<>();
    final List<Map<String, String>> signOuts = new CopyOnWriteArrayList<>();

    TestOidcProvider() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            key = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        Router router = Router.router(vertx);
        router.get("/.well-known/openid-configuration").handler(this::discovery);
        router.get("/authorize").handler(this::authorize);
        router.options("/token").handler(this::preflight);
        router.post("/token").handler(BodyHandler.create()).handler(this::token);
        router.get("/jwks").handler(ctx -> ctx.json(new JsonObject().put("keys", jwks())));
        router.get("/logout").handler(this::logout);
        server =
                Blocking.await(
                        vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    }

    String issuer() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    String jwksUrl() {
        return issuer() + "/jwks";
    }

    /** Lectern's settings for this provider, with access tokens as bearer tokens. */
    Map<String, String> lecternSettings() {
        return Map.of(
                "LECTERN_AUTH_JWKS_URL", jwksUrl(),
                "LECTERN_AUTH_ISSUER", issuer(),
                "LECTERN_AUTH_AUDIENCE", API_AUDIENCE,
                "LECTERN_OIDC_ISSUER", issuer(),
                "LECTERN_OIDC_CLIENT_ID", CLIENT_ID);
    }

    /** Registers the pages: their origin's {@code /} is the one redirect URI, and CORS allows it. */
    void registerPages(String origin) {
        pagesOrigin = origin;
    }

    /** Who the authorize endpoint signs in from now on. */
    void signInAs(String id, String name) {
        userId = id;
        userName = name;
    }

    /** Makes the authorize endpoint answer with a state other than the one it was sent. */
    void tamperWithState(boolean on) {
        tamperState = on ? "-forged" : "";
    }

    /** Makes the authorize endpoint answer with this OAuth error instead of a code ("" = off). */
    void refuseWith(String error) {
        refuseWith = error;
    }

    long acceptedTokenRequests() {
        return tokenRequests.stream().filter(TokenRequest::accepted).count();
    }

    /** An access token for the API, as this provider would issue it (for set-up calls). */
    String accessToken(String sub, String name, boolean admin, Duration validFor) {
        long now = System.currentTimeMillis() / 1000;
        JsonObject claims = claims(sub, name, API_AUDIENCE, now, now + validFor.toSeconds());
        if (admin) {
            claims.put("lectern_admin", true);
        }
        return sign(claims);
    }

    /** An access token whose expiry passed an hour ago, beyond any clock-skew leeway. */
    String expiredAccessToken(String sub, String name) {
        long now = System.currentTimeMillis() / 1000;
        return sign(claims(sub, name, API_AUDIENCE, now - 7200, now - 3600));
    }

    private JsonObject claims(String sub, String name, String audience, long iat, long exp) {
        return new JsonObject()
                .put("iss", issuer())
                .put("aud", audience)
                .put("sub", sub)
                .put("name", name)
                .put("iat", iat)
                .put("exp", exp);
    }

    private void discovery(RoutingContext ctx) {
        ctx.json(
                new JsonObject()
                        .put("issuer", issuer())
                        .put("authorization_endpoint", issuer() + "/authorize")
                        .put("token_endpoint", issuer() + "/token")
                        .put("end_session_endpoint", issuer() + "/logout")
                        .put("jwks_uri", jwksUrl())
                        .put("response_types_supported", new JsonArray().add("code"))
                        .put("code_challenge_methods_supported", new JsonArray().add("S256"))
                        .put(
                                "id_token_signing_alg_values_supported",
                                new JsonArray().add("ES256")));
    }

    /** Signs the fixed user in at once and sends the browser back with a code (or an error). */
    private void authorize(RoutingContext ctx) {
        var params = ctx.request().params();
        String redirectUri = params.get("redirect_uri");
        String scope = params.get("scope") == null ? "" : params.get("scope");
        if (!CLIENT_ID.equals(params.get("client_id"))
                || !(pagesOrigin + "/").equals(redirectUri)
                || !"code".equals(params.get("response_type"))
                || !"S256".equals(params.get("code_challenge_method"))
                || params.get("code_challenge") == null
                || !List.of(scope.split(" ")).contains("openid")) {
            // An unregistered client or redirect URI is never redirected to (RFC 6749 4.1.2.1).
            ctx.response().setStatusCode(400).end("bad authorization request: " + params);
            return;
        }
        String state = params.get("state");
        String location;
        if (!refuseWith.isEmpty()) {
            location = redirectUri + "?error=" + refuseWith + "&state=" + encode(state);
        } else {
            String code = UUID.randomUUID().toString();
            codes.put(
                    code,
                    new Grant(params.get("code_challenge"), redirectUri, params.get("nonce")));
            location = redirectUri + "?code=" + code + "&state=" + encode(state + tamperState);
        }
        ctx.response().setStatusCode(302).putHeader("Location", location).end();
    }

    private void preflight(RoutingContext ctx) {
        cors(ctx);
        ctx.response()
                .putHeader("Access-Control-Allow-Methods", "POST")
                .putHeader("Access-Control-Allow-Headers", "Content-Type, Accept")
                .setStatusCode(204)
                .end();
    }

    private void cors(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        if (origin != null && origin.equals(pagesOrigin)) {
            ctx.response()
                    .putHeader("Access-Control-Allow-Origin", origin)
                    .putHeader("Vary", "Origin");
        }
    }

    /** Redeems a code once, for the redirect URI it was issued to and the matching verifier. */
    private void token(RoutingContext ctx) {
        cors(ctx);
        Map<String, String> form = form(ctx.body().asString());
        String verifier = form.getOrDefault("code_verifier", "");
        Grant grant = codes.remove(form.getOrDefault("code", ""));
        String refusal = null;
        if (!"authorization_code".equals(form.get("grant_type"))) {
            refusal = "unsupported_grant_type";
        } else if (grant == null) {
            refusal = "invalid_grant: unknown or used code";
        } else if (!CLIENT_ID.equals(form.get("client_id"))) {
            refusal = "invalid_client";
        } else if (!grant.redirectUri().equals(form.get("redirect_uri"))) {
            refusal = "invalid_grant: redirect_uri differs";
        } else if (!s256(verifier).equals(grant.challenge())) {
            refusal = "invalid_grant: code_verifier does not match the challenge";
        }
        tokenRequests.add(new TokenRequest(refusal == null, verifier, refusal));
        if (refusal != null) {
            ctx.response()
                    .setStatusCode(400)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-store")
                    .end(new JsonObject().put("error", refusal.split(":")[0]).encode());
            return;
        }
        long now = System.currentTimeMillis() / 1000;
        String idToken =
                sign(
                        claims(userId, userName, CLIENT_ID, now, now + 300)
                                .put("nonce", grant.nonce()));
        String accessToken = sign(claims(userId, userName, API_AUDIENCE, now, now + 300));
        ctx.response()
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(
                        new JsonObject()
                                .put("access_token", accessToken)
                                .put("id_token", idToken)
                                .put("token_type", "Bearer")
                                .put("expires_in", 300)
                                .encode());
    }

    private void logout(RoutingContext ctx) {
        Map<String, String> params = new HashMap<>();
        for (Map.Entry<String, String> param : ctx.request().params()) {
            params.put(param.getKey(), param.getValue());
        }
        signOuts.add(params);
        String back = params.getOrDefault("post_logout_redirect_uri", "");
        if (back.equals(pagesOrigin + "/")) {
            ctx.response().setStatusCode(302).putHeader("Location", back).end();
        } else {
            ctx.response().end("signed out");
        }
    }

    /**
     * A code issued for this challenge and nonce as if a browser had passed through /authorize,
     * so a test can call the token endpoint directly.
     */
    String authorizationCode(String challenge, String nonce) {
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(challenge, pagesOrigin + "/", nonce));
        return code;
    }

    static String s256(String verifier) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonArray jwks() {
        ECPublicKey pub = (ECPublicKey) key.getPublic();
        return new JsonArray()
                .add(
                        new JsonObject()
                                .put("kty", "EC")
                                .put("crv", "P-256")
                                .put("use", "sig")
                                .put("alg", "ES256")
                                .put("kid", KEY_ID)
                                .put("x", coordinate(pub.getW().getAffineX()))
                                .put("y", coordinate(pub.getW().getAffineY())));
    }

    /** A P-256 coordinate as the 32 big-endian bytes JWK wants (RFC 7518 6.2.1.2). */
    private static String coordinate(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] fixed = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, fixed, 32 - copy, copy);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }

    /** A compact ES256 JWS (RFC 7515), the signature in the raw R||S form JWS requires. */
    private String sign(JsonObject claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        JsonObject header =
                new JsonObject().put("alg", "ES256").put("typ", "JWT").put("kid", KEY_ID);
        String input =
                b64.encodeToString(header.encode().getBytes(StandardCharsets.UTF_8))
                        + "."
                        + b64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
        try {
            Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
            signer.initSign(key.getPrivate());
            signer.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + b64.encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> values = new HashMap<>();
        if (body == null || body.isEmpty()) {
            return values;
        }
        Arrays.stream(body.split("&"))
                .map(pair -> pair.split("=", 2))
                .forEach(
                        kv ->
                                values.put(
                                        URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                                        kv.length > 1
                                                ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8)
                                                : ""));
        return values;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        Blocking.await(vertx.close());
    }
}
