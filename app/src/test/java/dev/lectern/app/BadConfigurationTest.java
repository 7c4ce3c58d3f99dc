package dev.lectern.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.infra.config.StorageConfig;
import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Starts the real command line in a child JVM, as an operator would, with broken settings. */
@DisplayName("The lectern command with bad configuration")
class BadConfigurationTest {

    record Outcome(int exitCode, String stdout, String stderr) {}

    static Outcome run(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().keySet().removeIf(k -> k.startsWith("LECTERN_"));
        builder.environment().putAll(env);
        Path out = Files.createTempFile(TestDirs.create("cli"), "stdout", ".txt");
        builder.redirectOutput(out.toFile());
        Process process = builder.start();
        String stderr = new String(process.getErrorStream().readAllBytes());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Outcome(process.exitValue(), Files.readString(out), stderr);
    }

    static Map<String, String> base() {
        Map<String, String> env = new HashMap<>();
        env.put("LECTERN_DATA_DIR", TestDirs.create("badconf").toString());
        env.put("LECTERN_HTTP_PORT", "0");
        return env;
    }

    static void assertOneClearLine(Outcome outcome, String expected) {
        assertThat(outcome.exitCode()).as(outcome.stderr()).isEqualTo(2);
        String last = outcome.stderr().strip().lines().reduce((a, b) -> b).orElse("");
        assertThat(last).startsWith("lectern: ").contains(expected);
        assertThat(outcome.stderr()).as("no stack trace").doesNotContain("\tat ");
    }

    @Test
    @DisplayName(
            "an unreachable PostgreSQL, a bad value and an unwritable data directory each get one line and exit 2")
    void databaseAndValues() throws Exception {
        Map<String, String> env = base();
        env.put("LECTERN_DATABASE_URL", "postgresql://127.0.0.1:1/lectern");
        assertOneClearLine(run(env, "serve"), "LECTERN_DATABASE_URL");

        Map<String, String> badPort = base();
        badPort.put("LECTERN_HTTP_PORT", "eighty");
        assertOneClearLine(run(badPort, "serve"), "LECTERN_HTTP_PORT must be a whole number");

        Path file = Files.writeString(TestDirs.create("notadir").resolve("plain-file"), "x");
        Map<String, String> unwritable = base();
        unwritable.put("LECTERN_DATA_DIR", file.resolve("data").toString());
        assertOneClearLine(run(unwritable, "serve"), "cannot create");
    }

    @Test
    @DisplayName(
            "wrong S3 credentials and a missing bucket with auto-create off each get one line and exit 2")
    void storage() throws Exception {
        StorageConfig s3 = TestStorage.freshBucket();
        Map<String, String> env = base();
        env.put("LECTERN_S3_ENDPOINT", s3.endpoint().toString());
        env.put("LECTERN_S3_BUCKET", s3.bucket());
        env.put("LECTERN_S3_ACCESS_KEY", s3.accessKey());
        env.put("LECTERN_S3_SECRET_KEY", "not-the-secret");
        assertOneClearLine(run(env, "serve"), "refused the credentials");

        env.put("LECTERN_S3_SECRET_KEY", s3.secretKey());
        env.put("LECTERN_S3_CREATE_BUCKET", "false");
        assertOneClearLine(
                run(env, "serve"), "does not exist and LECTERN_S3_CREATE_BUCKET is false");
    }

    @Test
    @DisplayName(
            "'lectern token' prints a token the embedded key verifies, and --help lists the commands")
    void tokenAndHelp() throws Exception {
        Map<String, String> env = base();
        Outcome token = run(env, "token", "--user", "alice", "--admin");
        assertThat(token.exitCode()).as(token.stderr()).isZero();
        var vertx = io.vertx.core.Vertx.vertx();
        try {
            var auth =
                    dev.lectern.infra.config.InfraConfig.from(
                                    dev.lectern.infra.config.ConfigSource.of(env))
                            .auth();
            var keys =
                    dev.lectern.infra.auth.SigningKey.loadOrCreate(
                            Path.of(env.get("LECTERN_DATA_DIR")).resolve("keys"));
            var identity =
                    dev.lectern.infra.auth.TokenService.embedded(vertx, auth, keys)
                            .verify(token.stdout().strip())
                            .await();
            assertThat(identity.userId()).isEqualTo("alice");
            assertThat(identity.admin()).isTrue();
        } finally {
            vertx.close();
        }
        Outcome help = run(env, "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout())
                .contains("serve")
                .contains("api")
                .contains("worker")
                .contains("migrate")
                .contains("token");
    }
}
