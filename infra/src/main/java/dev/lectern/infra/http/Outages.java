package dev.lectern.infra.http;

import dev.lectern.infra.storage.StorageReadException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Tells a failure of PostgreSQL or S3 being unreachable, overloaded or restarting (which the
 * caller should retry: 503) from a bug (500).
 */
final class Outages {
    private Outages() {}

    static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException
                    || t instanceof ConnectException
                    || t instanceof NoRouteToHostException
                    || t instanceof ClosedConnectionException
                    || t instanceof HttpClosedException
                    || t instanceof ClosedChannelException
                    || t instanceof SdkClientException) {
                return true;
            }
            if (t instanceof PgException pg && pg.getSqlState() != null) {
                // Class 08: connection exceptions; 57P01-57P03: shutting down or starting up.
                String state = pg.getSqlState();
                if (state.startsWith("08") || state.startsWith("57P")) {
                    return true;
                }
            }
            if (t instanceof SdkServiceException s3 && s3.statusCode() >= 500) {
                return true;
            }
            if (t instanceof StorageReadException read && read.status() >= 500) {
                return true;
            }
        }
        return false;
    }
}
