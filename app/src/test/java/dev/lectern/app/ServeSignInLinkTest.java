package dev.lectern.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestHttp;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** `lectern serve` with the embedded defaults, started in a child JVM as an operator would. */
@DisplayName("The sign-in link lectern serve prints")
class ServeSignInLinkTest {
    private static final Pattern LINK =
            Pattern.compile("Sign in to the pages as admin: (http://\\S+)/#token=(\\S+)");

    @Test
    @DisplayName("opens the pages as an admin: the token in the link is accepted by the API")
    void linkSignsInAsAdmin() throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder(
                                ProcessHandle.current().info().command().orElse("java"),
                                "-cp",
                                System.getProperty("java.class.path"),
                                Main.class.getName(),
                                "serve")
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().keySet().removeIf(k -> k.startsWith("LECTERN_"));
        builder.environment().put("LECTERN_DATA_DIR", TestDirs.create("serve-link").toString());
        builder.environment().put("LECTERN_HTTP_PORT", "0");
        Process process = builder.start();
        try {
            CompletableFuture<Matcher> link =
                    CompletableFuture.supplyAsync(
                            () -> {
                                try (var lines =
                                        new BufferedReader(
                                                new InputStreamReader(
                                                        process.getErrorStream(),
                                                        StandardCharsets.UTF_8))) {
                                    String line;
                                    while ((line = lines.readLine()) != null) {
                                        Matcher m = LINK.matcher(line);
                                        if (m.find()) {
                                            return m;
                                        }
                                    }
                                    throw new AssertionError("serve ended without a sign-in link");
                                } catch (java.io.IOException e) {
                                    throw new java.io.UncheckedIOException(e);
                                }
                            });
            Matcher found = link.get(120, TimeUnit.SECONDS);
            TestHttp http = new TestHttp(found.group(1));
            TestHttp.Response page = http.get("/", null);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("/assets/js/app.js");
            TestHttp.Response me = http.get("/api/v1/me", found.group(2));
            assertThat(me.status()).isEqualTo(200);
            assertThat(new JsonObject(me.body()).getBoolean("admin")).isTrue();
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
