package dev.lectern.catalog.api;

import dev.lectern.catalog.course.UserStore;
import dev.lectern.infra.auth.Authentication;
import dev.lectern.infra.auth.Identity;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a user record for everyone who calls the API (display name, last seen). Written at
 * most once a minute per person: the first request waits for the row (later statements reference
 * it), the rest of the minute costs a map lookup.
 */
public final class CallerRecorder implements Handler<RoutingContext> {
    private static final long INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();
    private static final int MAX_REMEMBERED = 50_000;

    private final UserStore users;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    private record Seen(String displayName, long atNanos) {}

    public CallerRecorder(UserStore users) {
        this.users = users;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        long now = System.nanoTime();
        Seen last = seen.get(who.userId());
        if (last != null
                && last.displayName().equals(who.displayName())
                && now - last.atNanos() < INTERVAL_NANOS) {
            ctx.next();
            return;
        }
        users.seen(who.userId(), who.displayName())
                .onSuccess(
                        v -> {
                            if (seen.size() > MAX_REMEMBERED) {
                                seen.clear();
                            }
                            seen.put(who.userId(), new Seen(who.displayName(), now));
                            ctx.next();
                        })
                .onFailure(ctx::fail);
    }
}
