package dev.lectern.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.infra.config.ConfigException;
import dev.lectern.testkit.TestHttp;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The whole service configured for an OpenID Connect provider (the test provider on loopback),
 * without a browser: what the pages are told, the Content-Security-Policy, the API accepting the
 * provider's tokens, and a provider that does not match the settings stopping the start.
 */
@DisplayName("Lectern with an OpenID Connect provider")
class OidcSignInSettingsTest {
    private static TestOidcProvider provider;
    private static RunningLectern app;

    @BeforeAll
    static void start() {
        provider = new TestOidcProvider();
        app = new RunningLectern(new HashMap<>(provider.lecternSettings()));
        provider.registerPages(app.http.baseUrl());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    @DisplayName(
            "GET /auth/config needs no token and gives the discovered endpoints; the pages may connect to the provider's origin")
    void signInSettings() {
        TestHttp.Response response = app.http.get("/auth/config", null);
        assertThat(response.status()).isEqualTo(200);
        JsonObject config = new JsonObject(response.body());
        assertThat(config.getString("mode")).isEqualTo("oidc");
        assertThat(config.getString("issuer")).isEqualTo(provider.issuer());
        assertThat(config.getString("authorizationEndpoint"))
                .isEqualTo(provider.issuer() + "/authorize");
        assertThat(config.getString("tokenEndpoint")).isEqualTo(provider.issuer() + "/token");
        assertThat(config.getString("endSessionEndpoint")).isEqualTo(provider.issuer() + "/logout");
        assertThat(config.getString("clientId")).isEqualTo(TestOidcProvider.CLIENT_ID);
        assertThat(config.getString("scopes")).isEqualTo("openid profile email");
        assertThat(config.getString("bearerToken")).isEqualTo("access_token");
        assertThat(app.http.get("/", null).header("Content-Security-Policy"))
                .contains("connect-src 'self' " + provider.issuer() + ";");
    }

    @Test
    @DisplayName("the API accepts the provider's access tokens and refuses expired ones")
    void apiAcceptsProviderTokens() {
        String token = provider.accessToken("sam", "Sam Student", false, Duration.ofMinutes(5));
        JsonObject me = app.call("GET", "/api/v1/me", token, null, 200);
        assertThat(me.getString("userId")).isEqualTo("sam");
        assertThat(me.getString("displayName")).isEqualTo("Sam Student");
        app.call("GET", "/api/v1/me", provider.expiredAccessToken("sam", "Sam"), null, 401);
    }

    @Test
    @DisplayName(
            "the test provider's token endpoint redeems a code only with the verifier of its challenge, once")
    void providerChecksTheVerifier() {
        String verifier = "a".repeat(43);
        String code = provider.authorizationCode(TestOidcProvider.s256(verifier), "n1");
        TestHttp http = new TestHttp(provider.issuer());
        String wrong =
                "grant_type=authorization_code&client_id=lectern-pages&code="
                        + code
                        + "&redirect_uri="
                        + java.net.URLEncoder.encode(
                                app.http.baseUrl() + "/", StandardCharsets.UTF_8)
                        + "&code_verifier="
                        + "b".repeat(43);
        Map<String, String> form = Map.of("Content-Type", "application/x-www-form-urlencoded");
        TestHttp.Response refused =
                http.send("POST", "/token", null, wrong.getBytes(StandardCharsets.UTF_8), form);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("invalid_grant");
        assertThat(provider.tokenRequests.getLast().refusal()).contains("code_verifier");

        String fresh = provider.authorizationCode(TestOidcProvider.s256(verifier), "n2");
        String right = wrong.replace(code, fresh).replace("b".repeat(43), verifier);
        TestHttp.Response accepted =
                http.send("POST", "/token", null, right.getBytes(StandardCharsets.UTF_8), form);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(new JsonObject(accepted.body()).getString("id_token")).isNotBlank();
        TestHttp.Response reused =
                http.send("POST", "/token", null, right.getBytes(StandardCharsets.UTF_8), form);
        assertThat(reused.status()).isEqualTo(400);
    }

    @Test
    @DisplayName(
            "a provider whose discovery document names another issuer stops the start with one line")
    void issuerMismatchStopsTheStart() {
        Map<String, String> settings = new HashMap<>(provider.lecternSettings());
        settings.put("LECTERN_OIDC_ISSUER", provider.issuer() + "/");
        assertThatThrownBy(() -> new RunningLectern(settings).close())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("names the issuer '" + provider.issuer() + "'");
    }
}
