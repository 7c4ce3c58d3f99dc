package dev.lectern.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.infra.config.ConfigException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The identity provider's discovery document")
class OidcProviderTest {
    private static final String ISSUER = "https://login.school.edu";

    private static JsonObject document() {
        return new JsonObject()
                .put("issuer", ISSUER)
                .put("authorization_endpoint", ISSUER + "/authorize")
                .put("token_endpoint", "https://tokens.school.edu/token")
                .put("jwks_uri", ISSUER + "/jwks")
                .put("code_challenge_methods_supported", new JsonArray().add("plain").add("S256"));
    }

    @Test
    @DisplayName("gives the endpoints the pages use; the end-session endpoint is optional")
    void endpoints() {
        OidcProvider provider = OidcProvider.from(document(), ISSUER);
        assertThat(provider.authorizationEndpoint()).isEqualTo(ISSUER + "/authorize");
        assertThat(provider.tokenEndpoint()).isEqualTo("https://tokens.school.edu/token");
        assertThat(provider.endSessionEndpoint()).isEmpty();
        assertThat(provider.jwksUri()).isEqualTo(ISSUER + "/jwks");
        assertThat(
                        OidcProvider.from(
                                        document().put("end_session_endpoint", ISSUER + "/logout"),
                                        ISSUER)
                                .endSessionEndpoint())
                .isEqualTo(ISSUER + "/logout");
    }

    @Test
    @DisplayName(
            "is refused when it names another issuer, lacks an endpoint, uses plain http or cannot do S256")
    void refused() {
        assertThatThrownBy(() -> OidcProvider.from(document(), ISSUER + "/"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("names the issuer 'https://login.school.edu'");
        JsonObject noToken = document();
        noToken.remove("token_endpoint");
        assertThatThrownBy(() -> OidcProvider.from(noToken, ISSUER))
                .hasMessageContaining("has no token_endpoint");
        assertThatThrownBy(
                        () ->
                                OidcProvider.from(
                                        document()
                                                .put(
                                                        "token_endpoint",
                                                        "http://tokens.school.edu/t"),
                                        ISSUER))
                .hasMessageContaining("token_endpoint must be an https URL");
        assertThatThrownBy(
                        () ->
                                OidcProvider.from(
                                        document()
                                                .put(
                                                        "code_challenge_methods_supported",
                                                        new JsonArray().add("plain")),
                                        ISSUER))
                .hasMessageContaining("does not list S256");
    }
}
