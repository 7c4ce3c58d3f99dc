package dev.lectern.infra.db;

import dev.lectern.infra.config.ConfigException;
import dev.lectern.infra.config.DatabaseConfig;
import dev.lectern.infra.config.Setting;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private PostgreSQL server whose data lives under the data directory, so a laptop needs no
 * database installed and a restart keeps every row.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts (or restarts) the server over {@code directory}, keeping any data already there. */
    public static EmbeddedPostgresServer start(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new ConfigException(
                    "cannot create "
                            + directory
                            + " for the embedded PostgreSQL: "
                            + e.getMessage(),
                    e);
        }
        if (!Files.isWritable(directory)) {
            throw new ConfigException("data directory " + directory + " is not writable");
        }
        try {
            EmbeddedPostgres postgres =
                    EmbeddedPostgres.builder()
                            .setDataDirectory(directory.resolve("data"))
                            .setOverrideWorkingDirectory(directory.resolve("runtime").toFile())
                            .setCleanDataDirectory(false)
                            .start();
            LOG.info(
                    "embedded PostgreSQL listening on 127.0.0.1:{} with data in {}",
                    postgres.getPort(),
                    directory);
            return new EmbeddedPostgresServer(postgres);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(
                    "the embedded PostgreSQL could not start ("
                            + rootMessage(e)
                            + "); set "
                            + Setting.DATABASE_URL.key()
                            + " to an external PostgreSQL",
                    e);
        }
    }

    /** Connection settings for the server's default superuser. */
    public DatabaseConfig config(int poolSize) {
        return new DatabaseConfig(
                false, "127.0.0.1", postgres.getPort(), "postgres", "postgres", "", poolSize);
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
