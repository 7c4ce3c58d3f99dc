package dev.lectern.infra.db;

import dev.lectern.infra.config.ConfigException;
import dev.lectern.infra.config.DatabaseConfig;
import dev.lectern.infra.config.Setting;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The PostgreSQL schema and connection pool every Lectern process shares. */
public final class Database {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private Database() {}

    /** Where every module keeps its migrations, in a folder of its own: {@code db/migration/catalog/}, … */
    public static final String MIGRATIONS = "classpath:db/migration";

    /**
     * Brings the schema up to date with the migrations of every module on the class path, in one
     * history table. Safe to run from several processes at once: Flyway takes a lock in the
     * database, so the second one waits and then finds nothing to do.
     *
     * <p>Each module numbers its migrations within a range of its own (docs/architecture.md), and
     * the ranges follow the modules' dependency order, so a fresh database gets infra's tables
     * before the features that refer to them. A module may still add a migration below another
     * module's newest one (infra's next after the catalog's next): {@code outOfOrder} applies it
     * on databases that are already further, which is safe because a module never depends on a
     * module of a higher range.
     */
    public static MigrateResult migrate(DatabaseConfig config) {
        try {
            MigrateResult result =
                    Flyway.configure()
                            .dataSource(config.jdbcUrl(), config.user(), config.password())
                            .locations(MIGRATIONS)
                            .outOfOrder(true)
                            .connectRetries(0)
                            .load()
                            .migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info(
                        "database schema migrated to version {} ({} migrations)",
                        result.targetSchemaVersion,
                        result.migrationsExecuted);
            }
            return result;
        } catch (RuntimeException e) {
            throw new ConfigException(
                    "PostgreSQL at "
                            + config
                            + " is not usable ("
                            + firstLine(e)
                            + "); check "
                            + Setting.DATABASE_URL.key(),
                    e);
        }
    }

    /** A connection pool; checks one connection so a wrong setting fails at start, not at first use. */
    public static Future<Pool> connect(Vertx vertx, DatabaseConfig config) {
        PgConnectOptions connect = connectOptions(config);
        connect.setMetricsName("postgresql-pool");
        Pool pool =
                PgBuilder.pool()
                        .with(new PoolOptions().setMaxSize(config.poolSize()).setShared(false))
                        .connectingTo(connect)
                        .using(vertx)
                        .build();
        return pool.query("SELECT 1")
                .execute()
                .<Pool>map(rows -> pool)
                .recover(
                        e -> {
                            pool.close();
                            return Future.failedFuture(
                                    new ConfigException(
                                            "PostgreSQL at "
                                                    + config
                                                    + " is not reachable: "
                                                    + firstLine(e),
                                            e));
                        });
    }

    /**
     * Options for a connection outside the pool, such as the job worker's LISTEN session (LISTEN
     * belongs to one session, which a pool would hand to others).
     */
    public static PgConnectOptions connectOptions(DatabaseConfig config) {
        return new PgConnectOptions()
                .setHost(config.host())
                .setPort(config.port())
                .setDatabase(config.database())
                .setUser(config.user())
                .setPassword(config.password())
                .setCachePreparedStatements(true)
                .setReconnectAttempts(2)
                .setReconnectInterval(500);
    }

    private static String firstLine(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null
                && cause.getCause() != cause
                && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        String message =
                cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
