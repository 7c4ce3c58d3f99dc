package dev.lectern.web;

import dev.lectern.infra.config.ConfigException;
import dev.lectern.infra.config.ConfigSource;
import dev.lectern.infra.config.InfraConfig;
import dev.lectern.infra.config.Setting;
import dev.lectern.infra.config.SettingKey;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Sign-in for the pages with the school's OpenID Connect provider (authorization code + PKCE, a
 * public client). Off when no issuer is set: the pages then ask for a pasted token. The API still
 * verifies every bearer token itself, with the {@link InfraConfig.AuthConfig} settings, so the
 * two must agree; {@link #from} refuses combinations that could never sign anyone in.
 */
public record OidcConfig(
        String issuer, String clientId, List<String> scopes, BearerToken bearerToken) {

    /** Which of the provider's tokens the pages send to the API as {@code Bearer}. */
    public enum BearerToken {
        ACCESS_TOKEN,
        ID_TOKEN;

        /** The token response field: "access_token" or "id_token". */
        public String field() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static OidcConfig disabled() {
        return new OidcConfig("", "", List.of(), BearerToken.ACCESS_TOKEN);
    }

    public boolean enabled() {
        return !issuer.isEmpty();
    }

    /** Where the provider publishes its endpoints (OpenID Connect Discovery 1.0, section 4). */
    public String discoveryUrl() {
        return ConfigSource.stripSlash(issuer) + "/.well-known/openid-configuration";
    }

    public static OidcConfig from(ConfigSource source, InfraConfig.AuthConfig auth) {
        String issuer = source.get(WebSetting.OIDC_ISSUER);
        String clientId = source.get(WebSetting.OIDC_CLIENT_ID);
        if (issuer.isEmpty()) {
            if (!clientId.isEmpty()) {
                throw new ConfigException(
                        WebSetting.OIDC_CLIENT_ID.key()
                                + " is set but "
                                + WebSetting.OIDC_ISSUER.key()
                                + " is empty: set the provider's issuer URL to turn sign-in on");
            }
            return disabled();
        }
        requireSafeUrl(WebSetting.OIDC_ISSUER, issuer);
        if (auth.embedded()) {
            throw new ConfigException(
                    WebSetting.OIDC_ISSUER.key()
                            + " is set but "
                            + Setting.AUTH_JWKS_URL.key()
                            + " is empty: the API could not verify the provider's tokens (use the"
                            + " jwks_uri of "
                            + issuer
                            + "/.well-known/openid-configuration)");
        }
        if (clientId.isEmpty()) {
            throw new ConfigException(
                    WebSetting.OIDC_ISSUER.key()
                            + " is set but "
                            + WebSetting.OIDC_CLIENT_ID.key()
                            + " is empty: register Lectern's pages at the provider as a public"
                            + " client and set its client id");
        }
        List<String> scopes =
                Arrays.stream(source.get(WebSetting.OIDC_SCOPES).split("[\\s,]+"))
                        .filter(s -> !s.isEmpty())
                        .distinct()
                        .toList();
        if (!scopes.contains("openid")) {
            throw new ConfigException(
                    WebSetting.OIDC_SCOPES.key()
                            + " must include 'openid', got '"
                            + String.join(" ", scopes)
                            + "'");
        }
        BearerToken bearer =
                BearerToken.valueOf(
                        source.getChoice(WebSetting.OIDC_BEARER_TOKEN, "access_token", "id_token")
                                .toUpperCase(Locale.ROOT));
        requireAgreement(issuer, clientId, bearer, auth);
        return new OidcConfig(issuer, clientId, scopes, bearer);
    }

    /**
     * The API checks 'iss' and 'aud' of what the pages send. An id token always carries the
     * provider's issuer and the client id as audience (OpenID Connect Core 2), so with id tokens
     * the settings must say exactly that; an access token's claims are the provider's choice, so
     * only the embedded default issuer, which no provider uses, is refused.
     */
    /** With id tokens as bearer, what the API checks must be what the provider puts in them. */
    private static void requireIdTokenMatch(
            SettingKey checked, String actual, SettingKey provider, String expected) {
        if (!actual.equals(expected)) {
            throw new ConfigException(
                    "with "
                            + WebSetting.OIDC_BEARER_TOKEN.key()
                            + "=id_token, "
                            + checked.key()
                            + " must equal "
                            + provider.key()
                            + " ("
                            + expected
                            + "), got '"
                            + actual
                            + "'");
        }
    }

    private static void requireAgreement(
            String issuer, String clientId, BearerToken bearer, InfraConfig.AuthConfig auth) {
        if (bearer == BearerToken.ID_TOKEN) {
            requireIdTokenMatch(Setting.AUTH_ISSUER, auth.issuer(), WebSetting.OIDC_ISSUER, issuer);
            requireIdTokenMatch(
                    Setting.AUTH_AUDIENCE, auth.audience(), WebSetting.OIDC_CLIENT_ID, clientId);
        } else if (auth.issuer().equals(Setting.AUTH_ISSUER.defaultValue())) {
            throw new ConfigException(
                    WebSetting.OIDC_ISSUER.key()
                            + " is set but "
                            + Setting.AUTH_ISSUER.key()
                            + " is still the embedded '"
                            + Setting.AUTH_ISSUER.defaultValue()
                            + "': set it to the 'iss' of the provider's access tokens (usually "
                            + issuer
                            + ")");
        }
    }

    /**
     * The provider's URLs carry codes and tokens, so they must use https; plain http is accepted
     * only on the loopback interface, for development and tests.
     */
    public static void requireSafeUrl(SettingKey setting, String url) {
        String problem = unsafeUrlProblem(url);
        if (problem != null) {
            throw new ConfigException(setting.key() + " " + problem + ", got '" + url + "'");
        }
    }

    /** Why {@code url} may not be used for sign-in, or null when it is fine. */
    public static String unsafeUrlProblem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "must be an absolute URL";
        }
        if (!uri.isAbsolute() || uri.getHost() == null) {
            return "must be an absolute URL";
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return null;
        }
        if (scheme.equals("http") && isLoopback(uri.getHost())) {
            return null;
        }
        return "must be an https URL (plain http only on localhost)";
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost")
                || host.startsWith("127.")
                || host.equals("[::1]")
                || host.equals("::1");
    }
}
