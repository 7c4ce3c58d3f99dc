package dev.lectern.testkit;

import dev.lectern.infra.config.DatabaseConfig;
import dev.lectern.infra.db.Database;
import dev.lectern.infra.db.EmbeddedPostgresServer;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real PostgreSQL for tests, shared by every test in the JVM: {@code LECTERN_TEST_DATABASE_URL}
 * when set, else a Testcontainers container when a Docker engine is there, else the embedded
 * server. Each test class asks for a {@link #freshDatabase() fresh database}, so tests never see
 * each other's rows.
 */
public final class TestDatabase {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static DatabaseConfig server;

    private TestDatabase() {}

    /** Connection settings for the shared server's maintenance database. */
    public static synchronized DatabaseConfig server() {
        if (server == null) {
            server = startServer();
        }
        return server;
    }

    private static DatabaseConfig startServer() {
        String url = System.getenv("LECTERN_TEST_DATABASE_URL");
        if (url != null && !url.isBlank()) {
            return DatabaseConfig.parse(url, "", "", 8);
        }
        if (dockerAvailable()) {
            var container = new PostgreSQLContainer("postgres:17-alpine");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            return DatabaseConfig.parse(
                    container.getJdbcUrl(), container.getUsername(), container.getPassword(), 8);
        }
        var embedded = EmbeddedPostgresServer.start(TestDirs.create("postgres"));
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
        return embedded.config(8);
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** A new database on the shared server with the schema of every module on the class path. */
    public static DatabaseConfig freshDatabase() {
        DatabaseConfig fresh = emptyDatabase();
        Database.migrate(fresh);
        return fresh;
    }

    /** A new database on the shared server with no schema at all. */
    public static DatabaseConfig emptyDatabase() {
        DatabaseConfig maintenance = server();
        String name =
                "lectern_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (var connection =
                        DriverManager.getConnection(
                                maintenance.jdbcUrl(), maintenance.user(), maintenance.password());
                var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return maintenance.withDatabase(name);
    }
}
