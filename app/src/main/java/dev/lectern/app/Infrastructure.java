package dev.lectern.app;

import dev.lectern.infra.auth.SigningKey;
import dev.lectern.infra.auth.TokenService;
import dev.lectern.infra.config.DatabaseConfig;
import dev.lectern.infra.db.Database;
import dev.lectern.infra.embedded.EmbeddedServers;
import dev.lectern.infra.embedded.EmbeddedServers.Hosting;
import dev.lectern.infra.media.MediaTools;
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

    /**
     * Opens everything, failing with a one-line {@code ConfigException} on the first problem.
     * {@code hosting} says whether this process hosts the embedded servers or joins those of the
     * process hosting them; {@code command} names it to the others.
     */
    public static Infrastructure open(LecternConfig config, Hosting hosting, String command) {
        List<AutoCloseable> owned = new ArrayList<>();
        try {
            EmbeddedServers embedded = EmbeddedServers.open(config.infra(), hosting, command);
            owned.add(embedded);
            VertxSetup setup = VertxSetup.create();
            owned.add(() -> Blocking.await(setup.vertx().close()));
            DatabaseConfig database = embedded.database(config.infra().database());
            Database.migrate(database);
            Pool pool = Blocking.await(Database.connect(setup.vertx(), database));
            owned.add(() -> Blocking.await(pool.close()));
            S3ObjectStore store =
                    Blocking.await(
                            S3ObjectStore.connect(
                                    setup.vertx(), embedded.storage(config.infra().storage())));
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

    /**
     * Only what {@code lectern migrate} needs: the database, migrated (through the embedded servers'
     * host when one runs, else on embedded servers of its own for the while).
     */
    public static void migrateOnly(LecternConfig config) {
        try (EmbeddedServers embedded =
                EmbeddedServers.open(config.infra(), Hosting.JOIN_OR_HOST, "migrate")) {
            Database.migrate(embedded.database(config.infra().database()));
        }
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
