package dev.lectern.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.infra.config.ConfigException;
import dev.lectern.infra.config.ConfigSource;
import dev.lectern.infra.config.InfraConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("OpenID Connect sign-in settings")
class OidcConfigTest {
    private static final String ISSUER = "https://login.school.edu/realms/students";

    /** A consistent production set: provider keys, issuer, API audience, client id. */
    private static Map<String, String> complete() {
        Map<String, String> env = new HashMap<>();
        env.put("LECTERN_AUTH_JWKS_URL", ISSUER + "/protocol/openid-connect/certs");
        env.put("LECTERN_AUTH_ISSUER", ISSUER);
        env.put("LECTERN_AUTH_AUDIENCE", "lectern");
        env.put("LECTERN_OIDC_ISSUER", ISSUER);
        env.put("LECTERN_OIDC_CLIENT_ID", "lectern-pages");
        return env;
    }

    private static OidcConfig oidc(Map<String, String> env) {
        ConfigSource source = ConfigSource.of(env);
        return OidcConfig.from(source, InfraConfig.from(source).auth());
    }

    @Test
    @DisplayName(
            "off by default; a complete set turns it on with the default scopes and access tokens")
    void defaultsAndComplete() {
        assertThat(oidc(Map.of()).enabled()).isFalse();
        OidcConfig config = oidc(complete());
        assertThat(config.enabled()).isTrue();
        assertThat(config.clientId()).isEqualTo("lectern-pages");
        assertThat(config.scopes()).containsExactly("openid", "profile", "email");
        assertThat(config.bearerToken()).isEqualTo(OidcConfig.BearerToken.ACCESS_TOKEN);
        assertThat(config.bearerToken().field()).isEqualTo("access_token");
        assertThat(config.discoveryUrl()).isEqualTo(ISSUER + "/.well-known/openid-configuration");
    }

    @Test
    @DisplayName(
            "id tokens as bearer tokens need the API to expect the provider's issuer and the client id")
    void idTokens() {
        Map<String, String> env = complete();
        env.put("LECTERN_OIDC_BEARER_TOKEN", "id_token");
        env.put("LECTERN_OIDC_SCOPES", "openid,profile");
        assertThatThrownBy(() -> oidc(env))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("LECTERN_AUTH_AUDIENCE must equal LECTERN_OIDC_CLIENT_ID");
        env.put("LECTERN_AUTH_AUDIENCE", "lectern-pages");
        OidcConfig config = oidc(env);
        assertThat(config.bearerToken().field()).isEqualTo("id_token");
        assertThat(config.scopes()).isEqualTo(List.of("openid", "profile"));
        env.put("LECTERN_AUTH_ISSUER", "https://elsewhere.example");
        assertThatThrownBy(() -> oidc(env))
                .hasMessageContaining("LECTERN_AUTH_ISSUER must equal LECTERN_OIDC_ISSUER");
    }

    @Test
    @DisplayName("inconsistent settings stop the start with one line naming what is missing")
    void inconsistent() {
        Map<String, String> noJwks = complete();
        noJwks.remove("LECTERN_AUTH_JWKS_URL");
        assertThatThrownBy(() -> oidc(noJwks))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(
                        "LECTERN_OIDC_ISSUER is set but LECTERN_AUTH_JWKS_URL is empty");

        Map<String, String> noClient = complete();
        noClient.remove("LECTERN_OIDC_CLIENT_ID");
        assertThatThrownBy(() -> oidc(noClient))
                .hasMessageStartingWith(
                        "LECTERN_OIDC_ISSUER is set but LECTERN_OIDC_CLIENT_ID is empty");

        Map<String, String> clientOnly = new HashMap<>(Map.of("LECTERN_OIDC_CLIENT_ID", "x"));
        assertThatThrownBy(() -> oidc(clientOnly))
                .hasMessageStartingWith(
                        "LECTERN_OIDC_CLIENT_ID is set but LECTERN_OIDC_ISSUER is empty");

        Map<String, String> embeddedIssuer = complete();
        embeddedIssuer.remove("LECTERN_AUTH_ISSUER");
        assertThatThrownBy(() -> oidc(embeddedIssuer))
                .hasMessageContaining("LECTERN_AUTH_ISSUER is still the embedded 'lectern'");

        Map<String, String> noOpenid = complete();
        noOpenid.put("LECTERN_OIDC_SCOPES", "profile email");
        assertThatThrownBy(() -> oidc(noOpenid))
                .hasMessage("LECTERN_OIDC_SCOPES must include 'openid', got 'profile email'");

        Map<String, String> badToken = complete();
        badToken.put("LECTERN_OIDC_BEARER_TOKEN", "refresh_token");
        assertThatThrownBy(() -> oidc(badToken)).hasMessageContaining("LECTERN_OIDC_BEARER_TOKEN");
    }

    @Test
    @DisplayName("the issuer must be https, except plain http on loopback for development")
    void https() {
        Map<String, String> plain = complete();
        plain.put("LECTERN_OIDC_ISSUER", "http://login.school.edu");
        assertThatThrownBy(() -> oidc(plain))
                .hasMessage(
                        "LECTERN_OIDC_ISSUER must be an https URL (plain http only on localhost),"
                                + " got 'http://login.school.edu'");
        Map<String, String> relative = complete();
        relative.put("LECTERN_OIDC_ISSUER", "login.school.edu");
        assertThatThrownBy(() -> oidc(relative)).hasMessageContaining("must be an absolute URL");

        Map<String, String> loopback = complete();
        loopback.put("LECTERN_OIDC_ISSUER", "http://127.0.0.1:8180/realms/dev");
        loopback.put("LECTERN_AUTH_ISSUER", "http://127.0.0.1:8180/realms/dev");
        assertThat(oidc(loopback).enabled()).isTrue();
    }
}
