package dev.lectern.infra.jobs;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.PgNotification;
import java.time.Duration;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dedicated PostgreSQL connection that LISTENs for new work and cancel requests. Pooled
 * connections cannot be used: LISTEN belongs to a session and a pool hands sessions around. When
 * the connection drops it is re-opened with growing delays, and the worker is woken once it is back
 * (notifications sent meanwhile are lost, so it looks for work itself).
 */
final class JobNotifications {
    private static final Logger LOG = LoggerFactory.getLogger(JobNotifications.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);

    private final Vertx vertx;
    private final PgConnectOptions options;
    private final Duration maxRetryDelay;
    private final Runnable onWake;
    private final LongConsumer onCancel;
    private PgConnection connection;
    private Duration retryDelay = FIRST_RETRY;
    private long retryTimer = -1;
    private boolean closed;

    JobNotifications(
            Vertx vertx,
            PgConnectOptions options,
            Duration maxRetryDelay,
            Runnable onWake,
            LongConsumer onCancel) {
        this.vertx = vertx;
        this.options = new PgConnectOptions(options);
        this.options.setMetricsName("postgresql-notifications");
        this.maxRetryDelay = maxRetryDelay;
        this.onWake = onWake;
        this.onCancel = onCancel;
    }

    /** Connects and listens; a failure is logged and retried, the worker polls meanwhile. */
    Future<Void> start() {
        return listen().recover(
                        e -> {
                            connectionLost(e);
                            return Future.succeededFuture();
                        });
    }

    /** The backend process id of the listening session, or 0 while disconnected (for tests). */
    int backendPid() {
        return connection == null ? 0 : connection.processId();
    }

    private Future<Void> listen() {
        return PgConnection.connect(vertx, options)
                .compose(
                        conn -> {
                            if (closed) {
                                return conn.close();
                            }
                            conn.notificationHandler(this::dispatch);
                            conn.exceptionHandler(e -> LOG.debug("job notifications: {}", e));
                            conn.closeHandler(v -> connectionLost(null));
                            return conn.query("LISTEN " + JobQueue.WAKE_CHANNEL)
                                    .execute()
                                    .compose(
                                            r ->
                                                    conn.query("LISTEN " + JobQueue.CANCEL_CHANNEL)
                                                            .execute())
                                    .onFailure(e -> conn.close())
                                    .<Void>mapEmpty()
                                    .onSuccess(
                                            v -> {
                                                connection = conn;
                                                retryDelay = FIRST_RETRY;
                                            });
                        });
    }

    private void dispatch(PgNotification notification) {
        if (JobQueue.CANCEL_CHANNEL.equals(notification.getChannel())) {
            try {
                onCancel.accept(Long.parseLong(notification.getPayload()));
            } catch (NumberFormatException e) {
                LOG.warn("ignoring cancel notification '{}'", notification.getPayload());
            }
        } else {
            onWake.run();
        }
    }

    private void connectionLost(Throwable cause) {
        connection = null;
        if (closed || retryTimer >= 0) {
            return;
        }
        LOG.warn(
                "job notification connection lost{}; reconnecting in {} ms",
                cause == null ? "" : " (" + cause.getMessage() + ")",
                retryDelay.toMillis());
        retryTimer =
                vertx.setTimer(
                        retryDelay.toMillis(),
                        id -> {
                            retryTimer = -1;
                            if (closed) {
                                return;
                            }
                            listen().onSuccess(v -> onWake.run()).onFailure(this::connectionLost);
                        });
        Duration doubled = retryDelay.multipliedBy(2);
        retryDelay = doubled.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : doubled;
    }

    Future<Void> close() {
        closed = true;
        if (retryTimer >= 0) {
            vertx.cancelTimer(retryTimer);
            retryTimer = -1;
        }
        PgConnection open = connection;
        connection = null;
        return open == null ? Future.succeededFuture() : open.close();
    }
}
