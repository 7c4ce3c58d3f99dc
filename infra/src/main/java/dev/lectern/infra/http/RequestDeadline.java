package dev.lectern.infra.http;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code 503 UNAVAILABLE} with {@code Retry-After} when a request has had no answer for
 * the deadline. Nothing Lectern answers takes seconds when PostgreSQL and S3 are well, so a missed
 * deadline means one of them is frozen or unreachable: the caller hears so at once instead of
 * hanging for the clients' own timeouts and then reading 500. The deadline ends when the answer's
 * head is written (a long download is not cut), and a body the client sends at its own pace (a
 * tus PATCH) is waited for outside it.
 */
public final class RequestDeadline implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(RequestDeadline.class);
    private static final String TIMER = "lectern.deadline.timer";
    private static final String MILLIS = "lectern.deadline.millis";

    private final long millis;

    public RequestDeadline(Duration deadline) {
        this.millis = deadline.toMillis();
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.put(MILLIS, millis);
        arm(ctx);
        ctx.addHeadersEndHandler(v -> cancel(ctx));
        ctx.addEndHandler(v -> cancel(ctx));
        ctx.next();
    }

    /** No deadline while the client sends the body at its own pace; call {@link #restart} after. */
    public static void suspend(RoutingContext ctx) {
        cancel(ctx);
    }

    /** A fresh deadline from now, for the work that follows a body the client took long to send. */
    public static void restart(RoutingContext ctx) {
        if (ctx.get(MILLIS) != null && !ctx.response().headWritten()) {
            cancel(ctx);
            arm(ctx);
        }
    }

    private static void arm(RoutingContext ctx) {
        long millis = ctx.get(MILLIS);
        long timer = ctx.vertx().setTimer(millis, id -> expired(ctx, millis));
        ctx.put(TIMER, timer);
    }

    private static void cancel(RoutingContext ctx) {
        Long timer = ctx.remove(TIMER);
        if (timer != null) {
            ctx.vertx().cancelTimer(timer);
        }
    }

    private static void expired(RoutingContext ctx, long millis) {
        ctx.remove(TIMER);
        if (ctx.response().headWritten() || ctx.response().closed()) {
            return;
        }
        LOG.warn(
                "no answer to {} {} within {} ms: PostgreSQL or S3 is slow or unreachable"
                        + " (see /health/ready); answered 503",
                ctx.request().method(),
                ctx.request().path(),
                millis);
        if (!ctx.request().isEnded()) {
            // A body nobody will read (an upload's PATCH waiting for its lock): it is let through
            // unread, so the client finishes sending and reads this answer, and the connection
            // closes after it rather than carry half-read bytes into the next request.
            ctx.response().putHeader("Connection", "close");
            ctx.request().handler(ignored -> {});
            ctx.request().resume();
        }
        Problems.send(
                ctx,
                CommonProblem.UNAVAILABLE,
                "Lectern's database or storage is not answering; try again in a few seconds.",
                new JsonObject());
    }
}
