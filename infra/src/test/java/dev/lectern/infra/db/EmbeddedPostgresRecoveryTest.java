package dev.lectern.infra.db;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.lectern.infra.config.DatabaseConfig;
import dev.lectern.testkit.TestDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL is a process of its own, so it can die without its host and outlive it.
 * A leftover of a killed host is covered end to end in the app's EmbeddedHostCrashTest.
 */
@DisplayName("The embedded PostgreSQL")
class EmbeddedPostgresRecoveryTest {
    private static Path directory;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeAll
    static void initialised() {
        directory = TestDirs.create("pg-recovery");
        EmbeddedPostgresServer.start(directory).close();
    }

    @BeforeEach
    void captureLog() {
        log.start();
        ((Logger) LoggerFactory.getLogger("dev.lectern.infra.db")).addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        ((Logger) LoggerFactory.getLogger("dev.lectern.infra.db")).detachAppender(log);
    }

    @Test
    @DisplayName(
            "killed while its host runs, is started again on the same port with its data, and the"
                    + " same connection settings work again")
    void deadServerRestarts() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory)) {
            DatabaseConfig config = server.config(1);
            query(config, "CREATE TABLE kept (word text); INSERT INTO kept VALUES ('still here')");
            long pid = postmasterPid();
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            String word = null;
            while (word == null && System.nanoTime() < deadline) {
                try {
                    word = query(config, "SELECT word FROM kept");
                } catch (java.sql.SQLException e) {
                    Thread.sleep(200);
                }
            }
            assertThat(word).isEqualTo("still here");
            assertThat(server.port()).isEqualTo(config.port());
            assertThat(postmasterPid()).isNotEqualTo(pid);
            assertThat(messages())
                    .anyMatch(m -> m.contains("(pid " + pid + ") has stopped"))
                    .anyMatch(m -> m.contains("running again on port " + config.port()));
        }
    }

    @Test
    @DisplayName(
            "starts over a postmaster.pid naming another live program, and leaves that program"
                    + " alone")
    void stalePidFileOfAnotherProgram() throws Exception {
        Process unrelated = new ProcessBuilder("sleep", "60").start();
        try {
            // What a reboot can leave: the file of a server that is gone, its pid now reused.
            Files.writeString(
                    directory.resolve("data/postmaster.pid"),
                    unrelated.pid() + "\n" + directory.resolve("data") + "\n");
            try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory)) {
                assertThat(query(server.config(1), "SELECT 'up'")).isEqualTo("up");
            }
            assertThat(unrelated.isAlive()).isTrue();
            assertThat(messages())
                    .anyMatch(
                            m ->
                                    m.contains("removed the stale postmaster.pid")
                                            && m.contains("pid " + unrelated.pid()));
        } finally {
            unrelated.destroyForcibly();
        }
    }

    private static long postmasterPid() throws Exception {
        return Long.parseLong(
                Files.readAllLines(directory.resolve("data/postmaster.pid")).get(0).trim());
    }

    private static String query(DatabaseConfig config, String sql) throws java.sql.SQLException {
        try (var connection =
                        DriverManager.getConnection(
                                config.jdbcUrl(), config.user(), config.password());
                var statement = connection.createStatement()) {
            statement.execute(sql);
            var result = statement.getResultSet();
            return result != null && result.next() ? result.getString(1) : null;
        }
    }

    private List<String> messages() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
