package dev.lectern.infra.auth;

import dev.lectern.infra.config.ConfigException;
import dev.lectern.infra.config.InfraConfig.AuthConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies bearer tokens (issuer, audience, expiry, signature) and maps their claims to an {@link
 * Identity}. With an identity provider the keys come from its JWKS URL and are refreshed every few
 * minutes, so a key rotation at the provider needs no restart; otherwise the embedded key is used
 * and this service can also issue tokens.
 */
public final class TokenService {
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");

    /**
     * Signature sizes fixed by the algorithm (RFC 7518). RSA's follow the key and are checked by
     * the verification itself.
     */
    private static final Map<String, Integer> SIGNATURE_BYTES =
            Map.of(
                    "ES256", 64, "ES384", 96, "ES512", 132, "HS256", 32, "HS384", 48, "HS512", 64,
                    "EdDSA", 64);

    private static final Logger LOG = LoggerFactory.getLogger(TokenService.class);
    private static final Duration JWKS_REFRESH = Duration.ofMinutes(10);

    private final AuthConfig config;
    private final AtomicReference<JWTAuth> verifier = new AtomicReference<>();
    private final JWTAuth issuer;
    private final VerifiedTokens verified = new VerifiedTokens();

    private TokenService(AuthConfig config, JWTAuth verifier, JWTAuth issuer) {
        this.config = config;
        this.verifier.set(verifier);
        this.issuer = issuer;
    }

    /** A service that verifies and issues tokens with the embedded key. */
    public static TokenService embedded(Vertx vertx, AuthConfig config, SigningKey key) {
        key.validate();
        JWTAuth auth =
                JWTAuth.create(
                        vertx,
                        baseOptions(config)
                                .addPubSecKey(
                                        new PubSecKeyOptions()
                                                .setAlgorithm("ES256")
                                                .setBuffer(key.publicPem()))
                                .addPubSecKey(
                                        new PubSecKeyOptions()
                                                .setAlgorithm("ES256")
                                                .setBuffer(key.privatePem())));
        return new TokenService(config, auth, auth);
    }

    /** A service that verifies tokens against the identity provider's published keys. */
    public static Future<TokenService> fromJwks(Vertx vertx, AuthConfig config) {
        WebClient client = WebClient.create(vertx);
        return fetchJwks(vertx, client, config)
                .map(
                        auth -> {
                            TokenService service = new TokenService(config, auth, null);
                            vertx.setPeriodic(
                                    JWKS_REFRESH.toMillis(),
                                    id ->
                                            fetchJwks(vertx, client, config)
                                                    .onSuccess(service.verifier::set)
                                                    .onFailure(
                                                            e ->
                                                                    LOG.warn(
                                                                            "JWKS refresh from {} failed, keeping the old keys: {}",
                                                                            config.jwksUrl(),
                                                                            e.getMessage())));
                            return service;
                        });
    }

    private static Future<JWTAuth> fetchJwks(Vertx vertx, WebClient client, AuthConfig config) {
        return client.getAbs(config.jwksUrl())
                .timeout(10_000)
                .send()
                .compose(
                        response -> {
                            if (response.statusCode() != 200) {
                                return Future.failedFuture("HTTP " + response.statusCode());
                            }
                            JsonArray keys =
                                    response.bodyAsJsonObject()
                                            .getJsonArray("keys", new JsonArray());
                            JWTAuthOptions options = baseOptions(config);
                            keys.stream().map(JsonObject.class::cast).forEach(options::addJwk);
                            return Future.succeededFuture(JWTAuth.create(vertx, options));
                        })
                .recover(
                        e ->
                                Future.failedFuture(
                                        new ConfigException(
                                                "cannot load the identity provider's keys from "
                                                        + config.jwksUrl()
                                                        + ": "
                                                        + e.getMessage(),
                                                e)));
    }

    private static JWTAuthOptions baseOptions(AuthConfig config) {
        return new JWTAuthOptions()
                .setJWTOptions(
                        new JWTOptions()
                                .setIssuer(config.issuer())
                                .setAudience(List.of(config.audience()))
                                .setLeeway(30));
    }

    /** The caller's identity, or a failed future when the token is missing, expired or forged. */
    public Future<Identity> verify(String token) {
        if (!canonical(token)) {
            return Future.failedFuture(new IllegalArgumentException("not a compact JWT"));
        }
        Identity known = verified.lookup(token, Instant.now());
        if (known != null) {
            return Future.succeededFuture(known);
        }
        return verifier.get()
                .authenticate(new TokenCredentials(token))
                .map(
                        user -> {
                            Identity identity = toIdentity(user.principal());
                            verified.remember(
                                    token,
                                    identity,
                                    user.principal().getLong("exp", 0L),
                                    Instant.now());
                            return identity;
                        });
    }

    /**
     * Whether {@code token} is three base64url parts in their one canonical spelling (no padding,
     * no trailing bits) with a signature exactly as long as its algorithm makes them. The JWT
     * library reads an ECDSA signature with a byte appended ({@code <signature>A}) as the same
     * signature, so two strings would pass for one token; a token is what was signed, character for
     * character.
     */
    static boolean canonical(String token) {
        if (token == null) {
            return false;
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return false;
        }
        byte[][] decoded = new byte[3][];
        for (int i = 0; i < 3; i++) {
            String part = parts[i];
            if (part.isEmpty() || !BASE64URL.matcher(part).matches()) {
                return false;
            }
            try {
                decoded[i] = Base64.getUrlDecoder().decode(part);
            } catch (IllegalArgumentException e) {
                return false;
            }
            if (!Base64.getUrlEncoder().withoutPadding().encodeToString(decoded[i]).equals(part)) {
                return false;
            }
        }
        String algorithm;
        try {
            algorithm =
                    new JsonObject(new String(decoded[0], StandardCharsets.UTF_8)).getString("alg");
        } catch (RuntimeException e) {
            return false;
        }
        Integer length = SIGNATURE_BYTES.get(algorithm);
        return length == null || decoded[2].length == length;
    }

    private Identity toIdentity(JsonObject claims) {
        String subject = claims.getString("sub");
        String name = claims.getString("name", claims.getString("preferred_username"));
        Object adminClaim = claims.getValue(config.adminClaim());
        boolean admin = Boolean.TRUE.equals(adminClaim) || "true".equals(adminClaim);
        JsonArray groups = claims.getJsonArray("groups");
        if (groups != null && groups.contains(config.adminClaim())) {
            admin = true;
        }
        return new Identity(subject, name, admin);
    }

    /** Issues a token with the embedded key; only available when no identity provider is set. */
    public String issue(Identity identity, Duration validFor) {
        if (validFor.isNegative() || validFor.isZero()) {
            throw new IllegalArgumentException("a token must be valid for some time");
        }
        if (issuer == null) {
            throw new IllegalStateException(
                    "tokens come from the identity provider; Lectern cannot issue them");
        }
        JsonObject claims =
                new JsonObject().put("sub", identity.userId()).put("name", identity.displayName());
        if (identity.admin()) {
            claims.put(config.adminClaim(), true);
        }
        return issuer.generateToken(
                claims,
                new JWTOptions()
                        .setAlgorithm("ES256")
                        .setIssuer(config.issuer())
                        .setAudience(List.of(config.audience()))
                        .setExpiresInSeconds((int) validFor.toSeconds()));
    }

    public boolean canIssue() {
        return issuer != null;
    }
}
