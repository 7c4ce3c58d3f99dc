package dev.lectern.app;

import dev.lectern.infra.auth.SigningKey;
import dev.lectern.infra.auth.TokenService;
import dev.lectern.infra.config.DatabaseConfig;
import dev.lectern.infra.config.StorageConfig;
import dev.lectern.infra.db.Database;
import dev.lectern.infra.db.EmbeddedPostgresServer;
import dev.lectern.infra.media.MediaTools;
import dev.lectern.infra.storage.EmbeddedS3Server;
import dev.lectern.infra.storage.S3ObjectStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared plumbing of one process: Vert.x, the database pool, the object store, ffmpeg and the
 * token service, plus the embedded servers when no external ones are configured. Opened in
 * dependency order and closed in reverse.
 */
public final class Infrastructure implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Infrastructure.class);

    public final LecternConfig config;

    /** The database actually used (the embedded server's address when embedded). */
    public final DatabaseConfig database;

    public final Vertx vertx;
    public final PrometheusMeterRegistry metrics;
    public final Pool pool;
    public final S3ObjectStore store;
    public final MediaTools mediaTools;
    public final TokenService tokens;
    private final List<AutoCloseable> owned;

    private Infrastructure(
            LecternConfig config,
            DatabaseConfig database,
            Vertx vertx,
            PrometheusMeterRegistry metrics,
            Pool pool,
            S3ObjectStore store,
            MediaTools mediaTools,
            TokenService tokens,
            List<AutoCloseable> owned) {
        this.config = config;
        this.database = database;
        this.vertx = vertx;
        this.metrics = metrics;
        this.pool = pool;
        this.store = store;
        this.mediaTools = mediaTools;
        this.tokens = tokens;
        this.owned = owned;
    }

    /** Opens everything, failing with a one-line {@code ConfigException} on the first problem. */
    public static Infrastructure open(LecternConfig config) {
        List<AutoCloseable> owned = new ArrayList<>();
        try {
            VertxSetup setup = VertxSetup.create();
            owned.add(() -> Blocking.await(setup.vertx().close()));
            DatabaseConfig database = database(config, owned);
            Database.migrate(database);
            Pool pool = Blocking.await(Database.connect(setup.vertx(), database));
            owned.add(() -> Blocking.await(pool.close()));
            S3ObjectStore store =
                    Blocking.await(S3ObjectStore.connect(setup.vertx(), storage(config, owned)));
            owned.add(store);
            store.partMemory().bindTo(setup.metrics());
            MediaTools tools = MediaTools.locate(config.infra().mediaTools());
            TokenService tokens =
                    config.infra().auth().embedded()
                            ? TokenService.embedded(
                                    setup.vertx(),
                                    config.infra().auth(),
                                    SigningKey.loadOrCreate(
                                            config.infra().dataDir().resolve("keys")))
                            : Blocking.await(
                                    TokenService.fromJwks(setup.vertx(), config.infra().auth()));
            return new Infrastructure(
                    config,
                    database,
                    setup.vertx(),
                    setup.metrics(),
                    pool,
                    store,
                    tools,
                    tokens,
                    owned);
        } catch (RuntimeException e) {
            closeAll(owned);
            throw e;
        }
    }

    /** Only what {@code lectern migrate} needs: the database, migrated. */
    public static void migrateOnly(LecternConfig config) {
        List<AutoCloseable> owned = new ArrayList<>();
        try {
            Database.migrate(database(config, owned));
        } finally {
            closeAll(owned);
        }
    }

    private static DatabaseConfig database(LecternConfig config, List<AutoCloseable> owned) {
        if (!config.infra().database().embedded()) {
            return config.infra().database();
        }
        EmbeddedPostgresServer server =
                EmbeddedPostgresServer.start(config.infra().dataDir().resolve("postgres"));
        owned.add(server);
        return server.config(config.infra().database().poolSize());
    }

    private static StorageConfig storage(LecternConfig config, List<AutoCloseable> owned) {
        if (config.infra().storage().mode() != StorageConfig.Mode.EMBEDDED) {
            return config.infra().storage();
        }
        EmbeddedS3Server server =
                EmbeddedS3Server.start(
                        config.infra().dataDir().resolve("s3"),
                        config.infra().storage().embeddedPort());
        owned.add(server);
        return server.configFor(config.infra().storage());
    }

    @Override
    public void close() {
        closeAll(owned);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("error while closing {}: {}", resources.get(i), e.getMessage());
            }
        }
        resources.clear();
    }
}
