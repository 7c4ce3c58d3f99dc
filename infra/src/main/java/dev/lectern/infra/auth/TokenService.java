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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies bearer tokens (issuer, audience, expiry, signature) and maps their claims to an {@link
 * Identity}. With an identity provider the keys come from its JWKS URL and are refreshed every few
 * minutes, so a key rotation at the provider needs no restart; otherwise the embedded key is used
 * and this service can also issue tokens.
 */
public final class TokenService {
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
