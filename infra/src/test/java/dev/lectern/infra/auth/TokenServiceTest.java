package dev.lectern.infra.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.infra.config.ConfigException;
import dev.lectern.infra.config.ConfigSource;
import dev.lectern.infra.config.InfraConfig;
import dev.lectern.infra.config.InfraConfig.AuthConfig;
import dev.lectern.testkit.TestDirs;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Bearer tokens with the embedded key")
class TokenServiceTest {
    static Vertx vertx;
    static AuthConfig auth = InfraConfig.from(ConfigSource.of(Map.of())).auth();
    static Path keys;
    static TokenService tokens;

    @BeforeAll
    static void setUp() {
        vertx = Vertx.vertx();
        keys = TestDirs.create("keys");
        tokens = TokenService.embedded(vertx, auth, SigningKey.loadOrCreate(keys));
    }

    @AfterAll
    static void tearDown() throws Exception {
        vertx.close().await();
    }

    @Test
    @DisplayName("an issued token verifies to the same identity, admin flag included")
    void roundTrip() throws Exception {
        String token = tokens.issue(new Identity("alice", "Alice A.", true), Duration.ofHours(1));
        assertThat(tokens.verify(token).await()).isEqualTo(new Identity("alice", "Alice A.", true));
        String student = tokens.issue(new Identity("bob", null, false), Duration.ofHours(1));
        assertThat(tokens.verify(student).await()).isEqualTo(new Identity("bob", "bob", false));
    }

    @Test
    @DisplayName("the key is kept in the data directory, private to its owner, and reused")
    void persistentKey() throws Exception {
        SigningKey again = SigningKey.loadOrCreate(keys);
        TokenService restarted = TokenService.embedded(vertx, auth, again);
        String token = tokens.issue(new Identity("carol", "Carol", false), Duration.ofHours(1));
        assertThat(restarted.verify(token).await().userId()).isEqualTo("carol");
        assertThat(Files.getPosixFilePermissions(keys.resolve("token-signing-key.pem")).toString())
                .isEqualTo("[OWNER_READ, OWNER_WRITE]");
    }

    @Test
    @DisplayName("tokens signed by another key, expired, or for another audience are refused")
    void refused() throws Exception {
        TokenService forger = TokenService.embedded(vertx, auth, SigningKey.ephemeral());
        String forged = forger.issue(new Identity("mallory", "M", true), Duration.ofHours(1));
        assertThatThrownBy(() -> tokens.verify(forged).await()).isNotNull();

        long now = System.currentTimeMillis() / 1000;
        JWTAuth sameKey =
                JWTAuth.create(
                        vertx,
                        new JWTAuthOptions()
                                .addPubSecKey(
                                        new PubSecKeyOptions()
                                                .setAlgorithm("ES256")
                                                .setBuffer(
                                                        SigningKey.loadOrCreate(keys)
                                                                .privatePem())));
        JsonObject claims =
                new JsonObject()
                        .put("sub", "dave")
                        .put("iss", auth.issuer())
                        .put("aud", auth.audience());
        String expired =
                sameKey.generateToken(
                        claims.copy().put("exp", now - 3600),
                        new JWTOptions().setAlgorithm("ES256"));
        assertThatThrownBy(() -> tokens.verify(expired).await()).isNotNull();
        String valid =
                sameKey.generateToken(
                        claims.copy().put("exp", now + 3600),
                        new JWTOptions().setAlgorithm("ES256"));
        assertThat(tokens.verify(valid).await().userId())
                .as("the same claims, unexpired, pass")
                .isEqualTo("dave");
        assertThatThrownBy(() -> tokens.issue(new Identity("dave", "D", false), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);

        AuthConfig other = new AuthConfig("", auth.issuer(), "another-app", auth.adminClaim(), "");
        TokenService otherApp = TokenService.embedded(vertx, other, SigningKey.loadOrCreate(keys));
        String wrongAudience =
                otherApp.issue(new Identity("erin", "E", false), Duration.ofHours(1));
        assertThatThrownBy(() -> tokens.verify(wrongAudience).await()).isNotNull();
        assertThatThrownBy(() -> tokens.verify("not-a-jwt").await()).isNotNull();
    }

    @Test
    @DisplayName(
            "a token is read strictly: a character added to any part, or padding, makes it another"
                    + " token, refused even though its signature bytes decode the same")
    void strictEncoding() throws Exception {
        String token = tokens.issue(new Identity("alice", "Alice A.", false), Duration.ofHours(1));
        assertThat(tokens.verify(token).await().userId()).isEqualTo("alice");
        String[] parts = token.split("\\.");
        for (String altered :
                List.of(
                        token + "A",
                        token + "=",
                        parts[0] + "A." + parts[1] + "." + parts[2],
                        parts[0] + "." + parts[1] + "=." + parts[2],
                        token + ".",
                        " " + token)) {
            assertThatThrownBy(() -> tokens.verify(altered).await())
                    .as("%s", altered.substring(Math.max(0, altered.length() - 12)))
                    .isNotNull();
        }
    }

    @Test
    @DisplayName("a damaged key file stops the start with a clear message")
    void damagedKey() throws Exception {
        Path dir = TestDirs.create("damaged");
        SigningKey.loadOrCreate(dir);
        Files.writeString(
                dir.resolve("token-signing-key.pem"),
                "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> TokenService.embedded(vertx, auth, SigningKey.loadOrCreate(dir)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("signing key is damaged");
    }
}
