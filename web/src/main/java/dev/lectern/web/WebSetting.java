package dev.lectern.web;

import dev.lectern.infra.config.SettingKey;

/** The settings of the pages: sign-in at the school's OpenID Connect provider. */
public enum WebSetting implements SettingKey {
    OIDC_ISSUER(
            "",
            "Issuer URL of the school's OpenID Connect provider: the pages sign in there"
                    + " (authorization code + PKCE). Empty keeps the paste-a-token sign-in."),
    OIDC_CLIENT_ID(
            "", "Client id of Lectern's pages at the provider (a public client, no secret)."),
    OIDC_SCOPES("openid profile email", "Scopes the pages ask for; must include 'openid'."),
    OIDC_BEARER_TOKEN(
            "access_token",
            "Which token the pages send to the API: 'access_token', or 'id_token' for providers"
                    + " that name Lectern's client id only in the id token's 'aud'.");

    private final String defaultValue;
    private final String description;

    WebSetting(String defaultValue, String description) {
        this.defaultValue = defaultValue;
        this.description = description;
    }

    @Override
    public String defaultValue() {
        return defaultValue;
    }

    @Override
    public String description() {
        return description;
    }
}
