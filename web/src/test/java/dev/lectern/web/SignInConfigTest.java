package dev.lectern.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The pages' sign-in settings (GET /auth/config) and their Content-Security-Policy")
class SignInConfigTest {
    private static final SignIn OIDC =
            SignIn.openIdConnect(
                    "https://login.school.edu/realms/students",
                    "https://login.school.edu/realms/students/protocol/openid-connect/auth",
                    "https://sso.school.edu:8443/realms/students/protocol/openid-connect/token",
                    "https://login.school.edu/realms/students/protocol/openid-connect/logout",
                    "lectern-pages",
                    List.of("openid", "profile", "email"),
                    "id_token");

    private static Vertx vertx;
    private static HttpServer embedded;
    private static HttpServer oidc;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        embedded = serve(SignIn.embedded());
        oidc = serve(OIDC);
    }

    @AfterAll
    static void stop() throws Exception {
        await(vertx.close());
    }

    private static HttpServer serve(SignIn signIn) throws Exception {
        Router router = Router.router(vertx);
        WebPages.mount(router, signIn);
        router.route().last().handler(ctx -> ctx.response().setStatusCode(404).end());
        return await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get();
    }

    private static HttpResponse<String> send(HttpServer server, String method, String path)
            throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName(
            "embedded identity: the pages are told to ask for a token, and connect only to Lectern")
    void embedded() throws Exception {
        HttpResponse<String> config = send(embedded, "GET", "/auth/config");
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(config.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(new JsonObject(config.body()))
                .isEqualTo(new JsonObject().put("mode", "embedded"));

        String csp =
                send(embedded, "GET", "/")
                        .headers()
                        .firstValue("Content-Security-Policy")
                        .orElseThrow();
        assertThat(csp).contains("connect-src 'self';").contains("script-src 'self';");
    }

    @Test
    @DisplayName(
            "OpenID Connect: endpoints, client id, scopes and bearer token are published, and only the token endpoint's origin joins connect-src")
    void openIdConnect() throws Exception {
        HttpResponse<String> config = send(oidc, "GET", "/auth/config");
        assertThat(config.statusCode()).isEqualTo(200);
        JsonObject json = new JsonObject(config.body());
        assertThat(json.getString("mode")).isEqualTo("oidc");
        assertThat(json.getString("issuer")).isEqualTo("https://login.school.edu/realms/students");
        assertThat(json.getString("authorizationEndpoint")).endsWith("/openid-connect/auth");
        assertThat(json.getString("tokenEndpoint")).endsWith("/openid-connect/token");
        assertThat(json.getString("endSessionEndpoint")).endsWith("/openid-connect/logout");
        assertThat(json.getString("clientId")).isEqualTo("lectern-pages");
        assertThat(json.getString("scopes")).isEqualTo("openid profile email");
        assertThat(json.getString("bearerToken")).isEqualTo("id_token");

        for (String path : List.of("/", "/auth/config", "/assets/js/app.js")) {
            String csp =
                    send(oidc, "GET", path)
                            .headers()
                            .firstValue("Content-Security-Policy")
                            .orElseThrow();
            assertThat(csp)
                    .as(path)
                    .contains("connect-src 'self' https://sso.school.edu:8443;")
                    .doesNotContain("login.school.edu");
        }
        assertThat(send(oidc, "HEAD", "/auth/config").statusCode()).isEqualTo(200);
        assertThat(send(oidc, "POST", "/auth/config").statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName(
            "a provider without end-session endpoint leaves it out; unusable settings are refused")
    void edges() {
        SignIn noLogout =
                SignIn.openIdConnect(
                        "https://idp.example",
                        "https://idp.example/authorize",
                        "https://idp.example/token",
                        "",
                        "c",
                        List.of("openid"),
                        "access_token");
        assertThat(noLogout.toJson().containsKey("endSessionEndpoint")).isFalse();
        assertThat(noLogout.connectSources()).containsExactly("https://idp.example");
        assertThatThrownBy(
                        () ->
                                SignIn.openIdConnect(
                                        "https://idp.example",
                                        "https://idp.example/authorize",
                                        "https://idp.example/token",
                                        "",
                                        "c",
                                        List.of("openid"),
                                        "refresh_token"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                SignIn.openIdConnect(
                                        "https://idp.example",
                                        "https://idp.example/authorize",
                                        "https://evil@idp.example/token",
                                        "",
                                        "c",
                                        List.of("openid"),
                                        "access_token"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SignIn.embedded().connectSources()).isEmpty();
    }
}
