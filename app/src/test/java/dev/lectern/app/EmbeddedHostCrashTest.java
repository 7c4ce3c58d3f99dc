package dev.lectern.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.lectern.infra.config.ConfigException;
import dev.lectern.infra.config.ConfigSource;
import dev.lectern.infra.config.InfraConfig;
import dev.lectern.infra.config.StorageConfig;
import dev.lectern.infra.storage.S3ObjectStore;
import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestHttp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@code lectern serve} and {@code lectern worker} as an operator runs them on one machine in
 * embedded mode, in child JVMs: the serve hosts the embedded PostgreSQL and S3, the worker joins.
 * Then the faults: the PostgreSQL killed alone, and the serve killed with SIGKILL and started again
 * (in this JVM, where its log is at hand).
 * The worker proves it works by taking a job only it runs (the serve has no background lane): a
 * {@code slides} job without a lecture, which fails at once with a message of its own.
 */
@DisplayName("Several processes on one machine in embedded mode")
class EmbeddedHostCrashTest {
    private static final Pattern SIGN_IN =
            Pattern.compile("Sign in to the pages as admin: (http://\\S+)/#token=(\\S+)");

    @Test
    @DisplayName(
            "a worker with no serve running on its data directory stops and says what to start")
    void workerNeedsAHost() {
        LecternConfig config =
                LecternConfig.from(
                        ConfigSource.of(
                                Map.of("LECTERN_DATA_DIR", TestDirs.create("no-host").toString())));
        assertThatThrownBy(() -> Lectern.start(config, Set.of(Role.WORKER)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("no Lectern process hosts the embedded PostgreSQL and S3")
                .hasMessageContaining("start `lectern serve`");
    }

    @Test
    @DisplayName(
            "a worker joins the servers serve hosts; after the PostgreSQL is killed, and after serve"
                    + " is killed and started again, both work again on the same ports and keys"
                    + " without a restart of the worker")
    void hostKilledAndRestarted() throws Exception {
        Path data = TestDirs.create("host-crash");
        Map<String, String> settings = new HashMap<>();
        settings.put("LECTERN_DATA_DIR", data.toString());
        settings.put("LECTERN_HTTP_HOST", "127.0.0.1");
        settings.put("LECTERN_HTTP_PORT", "0");
        settings.put("LECTERN_CAPTIONS_ENGINE", "off");
        Map<String, String> serveSettings = new HashMap<>(settings);
        serveSettings.put("LECTERN_SLIDES", "off");
        serveSettings.put("LECTERN_WORKER_BACKGROUND_CONCURRENCY", "0");
        Map<String, String> workerSettings = new HashMap<>(settings);
        workerSettings.put("LECTERN_WORKER_POLL_SECONDS", "1");
        List<Child> children = new ArrayList<>();
        Vertx vertx = Vertx.vertx();
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger lectern = (Logger) LoggerFactory.getLogger("dev.lectern");
        try {
            Child serve = Child.start("serve", serveSettings, data);
            children.add(serve);
            // The worker waits for the host to finish starting its servers.
            serve.await(Pattern.compile("hosting the embedded PostgreSQL and S3"), 120);
            Child worker = Child.start("worker", workerSettings, data);
            children.add(worker);
            Matcher signIn = serve.await(SIGN_IN, 120);
            TestHttp api = new TestHttp(signIn.group(1).replace("localhost", "127.0.0.1"));
            String token = signIn.group(2);

            Path stateFile = data.resolve("embedded.json");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateFile)))
                    .isEqualTo("rw-------");
            JsonObject state = new JsonObject(Files.readString(stateFile));
            int port = state.getJsonObject("postgres").getInteger("port");
            JsonObject s3 = state.getJsonObject("s3");
            assertThat(serve.log()).doesNotContain(s3.getString("secretKey"));
            String jdbc = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
            worker.await(
                    Pattern.compile("joined the embedded PostgreSQL \\(127.0.0.1:" + port), 60);
            worker.await(Pattern.compile("\\(background lane\\) running kinds \\[slides"), 60);
            assertThat(api.send("POST", "/api/v1/courses", token, course()).status())
                    .isEqualTo(201);
            StorageConfig storage =
                    InfraConfig.from(ConfigSource.of(Map.of()))
                            .storage()
                            .at(
                                    URI.create(s3.getString("endpoint")),
                                    s3.getString("accessKey"),
                                    s3.getString("secretKey"));
            S3ObjectStore store = S3ObjectStore.connect(vertx, storage).await();
            store.put("kept/object.txt", Buffer.buffer("still here"), "text/plain").await();
            assertWorkerRunsJob(jdbc);

            // The PostgreSQL alone dies: the serve starts it again, nobody is restarted.
            long first = postmaster(data);
            ProcessHandle.of(first).orElseThrow().destroyForcibly();
            serve.await(Pattern.compile("running again on port " + port), 30);
            assertCourseListed(api, token);
            assertWorkerRunsJob(jdbc);

            // The serve dies by SIGKILL: its PostgreSQL lives on without it.
            long orphan = postmaster(data);
            serve.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            assertThat(running(orphan)).as("the orphaned postmaster").isTrue();

            // Started again (here, in this JVM), it stops the orphan and takes its place.
            log.start();
            lectern.addAppender(log);
            LecternConfig config = LecternConfig.from(ConfigSource.of(serveSettings));
            try (Lectern again = Lectern.start(config)) {
                assertThat(messages(log))
                        .anyMatch(
                                m ->
                                        m.contains(
                                                "found the embedded PostgreSQL of a previous run"
                                                        + " still running (pid "
                                                        + orphan))
                        .anyMatch(m -> m.contains("stopped the leftover embedded PostgreSQL"));
                assertThat(running(orphan)).isFalse();
                JsonObject stateAgain = new JsonObject(Files.readString(stateFile));
                assertThat(stateAgain.getJsonObject("postgres").getInteger("port")).isEqualTo(port);
                assertThat(stateAgain.getJsonObject("s3")).isEqualTo(s3);

                assertCourseListed(new TestHttp("http://127.0.0.1:" + again.port()), token);
                assertThat(store.head("kept/object.txt").await())
                        .as("a client with the keys of the first run")
                        .isPresent();
                assertWorkerRunsJob(jdbc);
                assertThat(worker.process.isAlive()).isTrue();
                worker.await(
                        Pattern.compile("hosts the embedded servers of .* again .*; reconnecting"),
                        10);

                // A second host on the same data directory is refused; the running one is kept.
                long hosting = postmaster(data);
                assertThatThrownBy(() -> Lectern.start(config))
                        .isInstanceOf(ConfigException.class)
                        .hasMessageContaining("already hosts the embedded PostgreSQL and S3");
                assertThat(running(hosting)).isTrue();
            }
            store.close();
        } finally {
            lectern.detachAppender(log);
            for (Child child : children) {
                child.stop();
            }
            vertx.close().await();
            stopLeftover(data);
        }
    }

    private static List<String> messages(ListAppender<ILoggingEvent> log) {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static String course() {
        return new JsonObject().put("code", "CRASH22").put("title", "Faults").encode();
    }

    private static void assertCourseListed(TestHttp api, String token) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        TestHttp.Response courses = api.get("/api/v1/courses", token);
        while (courses.status() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            courses = api.get("/api/v1/courses", token);
        }
        assertThat(courses.status()).isEqualTo(200);
        assertThat(courses.body()).contains("CRASH22");
    }

    /** A job only the worker takes ends as the worker ends it. */
    private static void assertWorkerRunsJob(String jdbc) throws Exception {
        long id =
                sql(
                        jdbc,
                        "INSERT INTO jobs (kind, max_attempts) VALUES ('slides', 1) RETURNING id");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (var connection = DriverManager.getConnection(jdbc, "postgres", "");
                    var statement =
                            connection.prepareStatement(
                                    "SELECT last_error FROM jobs WHERE id = ? AND status = 'failed'")) {
                statement.setLong(1, id);
                var row = statement.executeQuery();
                if (row.next()) {
                    assertThat(row.getString(1)).contains("a slides job needs a lecture");
                    return;
                }
            } catch (SQLException e) {
                // the server may still be coming back
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the worker did not take job " + id);
    }

    private static long sql(String jdbc, String statement) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try (var connection = DriverManager.getConnection(jdbc, "postgres", "");
                    var result = connection.createStatement().executeQuery(statement)) {
                result.next();
                return result.getLong(1);
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static long postmaster(Path data) throws IOException {
        return Long.parseLong(
                Files.readAllLines(data.resolve("postgres/data/postmaster.pid")).get(0).trim());
    }

    /** Alive and not a zombie waiting to be collected. */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    /** A failed run must not leave a server behind on a shared machine. */
    private static void stopLeftover(Path data) {
        try {
            long pid = postmaster(data);
            if (running(pid)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            }
        } catch (IOException | RuntimeException e) {
            // no server left
        }
    }

    /** A {@code lectern} command in its own JVM, its output in a file. */
    private record Child(Process process, Path output) {
        static Child start(String command, Map<String, String> settings, Path data)
                throws IOException {
            Path output =
                    data.resolveSibling(
                            data.getFileName() + "-" + command + "-" + System.nanoTime() + ".log");
            ProcessBuilder builder =
                    new ProcessBuilder(
                                    ProcessHandle.current().info().command().orElse("java"),
                                    "-cp",
                                    System.getProperty("java.class.path"),
                                    Main.class.getName(),
                                    command)
                            .redirectErrorStream(true)
                            .redirectOutput(output.toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("LECTERN_"));
            builder.environment().putAll(settings);
            return new Child(builder.start(), output);
        }

        String log() throws IOException {
            return Files.readString(output);
        }

        Matcher await(Pattern pattern, int seconds) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                Matcher matcher = pattern.matcher(log());
                if (matcher.find()) {
                    return matcher;
                }
                if (!process.isAlive()) {
                    throw new AssertionError("lectern ended before '" + pattern + "':\n" + log());
                }
                Thread.sleep(100);
            }
            throw new AssertionError("no '" + pattern + "' within " + seconds + " s:\n" + log());
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
