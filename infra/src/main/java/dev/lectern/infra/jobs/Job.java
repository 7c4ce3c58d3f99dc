package dev.lectern.infra.jobs;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One row of {@code jobs} as last read. */
public record Job(
        long id,
        String kind,
        UUID lectureId,
        JsonObject payload,
        JobStatus status,
        int priority,
        int attempts,
        int maxAttempts,
        Instant runAfter,
        String leaseOwner,
        Instant leaseExpiresAt,
        JsonObject progress,
        String lastError,
        boolean cancelRequested,
        Instant createdAt,
        Instant finishedAt) {

    /** The columns {@link #from(Row)} reads, for RETURNING and SELECT lists. */
    static final String COLUMNS =
            "id, kind, lecture_id, payload, status, priority, attempts, max_attempts, run_after,"
                    + " lease_owner, lease_expires_at, progress, last_error,"
                    + " cancel_requested_at IS NOT NULL AS cancel_requested, created_at,"
                    + " finished_at";

    static Job from(Row row) {
        return new Job(
                row.getLong("id"),
                row.getString("kind"),
                row.getUUID("lecture_id"),
                row.getJsonObject("payload"),
                JobStatus.fromDb(row.getString("status")),
                row.getInteger("priority"),
                row.getInteger("attempts"),
                row.getInteger("max_attempts"),
                instant(row.getOffsetDateTime("run_after")),
                row.getString("lease_owner"),
                instant(row.getOffsetDateTime("lease_expires_at")),
                row.getJsonObject("progress"),
                row.getString("last_error"),
                row.getBoolean("cancel_requested"),
                instant(row.getOffsetDateTime("created_at")),
                instant(row.getOffsetDateTime("finished_at")));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    /** Whether this attempt is the last one the job gets. */
    public boolean lastAttempt() {
        return attempts >= maxAttempts;
    }
}
