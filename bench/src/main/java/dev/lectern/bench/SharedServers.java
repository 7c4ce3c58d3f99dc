package dev.lectern.bench;

import dev.lectern.app.LecternConfig;
import dev.lectern.infra.config.ConfigSource;
import dev.lectern.infra.config.DatabaseConfig;
import dev.lectern.infra.config.StorageConfig;
import dev.lectern.infra.db.Database;
import dev.lectern.infra.db.EmbeddedPostgresServer;
import dev.lectern.infra.storage.EmbeddedS3Server;
import dev.lectern.infra.storage.S3ObjectStore;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One embedded PostgreSQL and one embedded S3 hosted by the benchmark, shared by {@code lectern}
 * processes started with {@link #settings()}, as an operator's servers would be; the benchmark
 * reads and writes both directly through {@link #pool} and {@link #store}.
 */
final class SharedServers implements AutoCloseable {
    final Vertx vertx = Vertx.vertx();
    final Pool pool;
    final S3ObjectStore store;
    private final EmbeddedPostgresServer postgres;
    private final EmbeddedS3Server s3;
    private final DatabaseConfig database;
    private final StorageConfig storage;

    SharedServers(Path dir) {
        postgres = EmbeddedPostgresServer.start(dir.resolve("postgres"));
        s3 = EmbeddedS3Server.start(dir.resolve("s3"), 0);
        database = postgres.config(4);
        Database.migrate(database);
        LecternConfig defaults = LecternConfig.from(ConfigSource.of(Map.of()));
        storage = s3.configFor(defaults.infra().storage().withBucket("lectern"));
        pool = Database.connect(vertx, database).await();
        store = S3ObjectStore.connect(vertx, storage).await();
    }

    /**
     * Settings for a {@code lectern} process on these servers, with the background lane's
     * captions and slides off: they would read every finished lecture's speech and pictures.
     */
    Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>();
        settings.put(
                "LECTERN_DATABASE_URL",
                "postgresql://"
                        + database.user()
                        + "@"
                        + database.host()
                        + ":"
                        + database.port()
                        + "/"
                        + database.database());
        settings.put("LECTERN_S3_ENDPOINT", storage.endpoint().toString());
        settings.put("LECTERN_S3_ACCESS_KEY", storage.accessKey());
        settings.put("LECTERN_S3_SECRET_KEY", storage.secretKey());
        settings.put("LECTERN_S3_BUCKET", storage.bucket());
        settings.put("LECTERN_CAPTIONS_ENGINE", "off");
        settings.put("LECTERN_SLIDES", "off");
        return settings;
    }

    @Override
    public void close() {
        store.close();
        pool.close().await();
        vertx.close().await();
        s3.close();
        postgres.close();
    }
}
