package dev.lectern.catalog.course;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/** {@link UserStore} on the {@code users} table. */
public final class PgUserStore implements UserStore {
    private static final String SEEN =
            "INSERT INTO users (id, display_name, last_seen_at) VALUES ($1, $2, now())"
                    + " ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name,"
                    + " last_seen_at = excluded.last_seen_at";

    private final Pool pool;

    public PgUserStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<Void> seen(String userId, String displayName) {
        return pool.preparedQuery(SEEN).execute(Tuple.of(userId, displayName)).mapEmpty();
    }
}
