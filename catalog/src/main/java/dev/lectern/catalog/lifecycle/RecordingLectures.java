package dev.lectern.catalog.lifecycle;

import dev.lectern.catalog.CatalogProblem;
import dev.lectern.infra.http.ApiException;
import dev.lectern.infra.jobs.JobQueue;
import dev.lectern.infra.jobs.NewJob;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Lectures created for a webinar provider's recording. A recording is claimed by (provider,
 * external id) under a unique key in the same transaction that creates its lecture and import job,
 * so a replayed delivery, a duplicate, or two deliveries racing each other all end with the one
 * lecture the first transaction created.
 */
public final class RecordingLectures {
    private static final String INSERT_LECTURE =
            "INSERT INTO lectures (course_id, title, recorded_at, duration_seconds, status, origin)"
                    + " VALUES ($1, $2, $3, $4, 'uploading', 'webinar') RETURNING id";
    private static final String CLAIM =
            "INSERT INTO webinar_recordings (provider, external_id, lecture_id, source_url)"
                    + " VALUES ($1, $2, $3, $4) ON CONFLICT (provider, external_id) DO NOTHING"
                    + " RETURNING lecture_id";
    private static final String EXISTING =
            "SELECT lecture_id FROM webinar_recordings WHERE provider = $1 AND external_id = $2";
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private final Pool pool;
    private final JobQueue jobs;

    /** @param defaultMaxAttempts attempts of a job that does not set its own (the configured) */
    public RecordingLectures(Pool pool, int defaultMaxAttempts) {
        this.pool = pool;
        this.jobs = new JobQueue(pool, defaultMaxAttempts);
    }

    /** A recording as the provider described it. */
    public record Recording(
            String provider,
            String externalId,
            UUID courseId,
            String title,
            OffsetDateTime recordedAt,
            Double durationSeconds,
            String sourceUrl) {}

    /** The recording's lecture, and whether this call created it. */
    public record Claimed(UUID lectureId, boolean created) {}

    /**
     * Creates the lecture (status uploading, origin webinar) with {@code importJob}, or finds the
     * lecture an earlier delivery of the same recording created.
     */
    public Future<Claimed> createOrFind(Recording recording, NewJob importJob) {
        Future<Claimed> created =
                pool.withTransaction(tx -> insertAndClaim(tx, recording, importJob));
        return created.recover(
                error -> {
                    if (error instanceof AlreadyClaimed) {
                        return existing(recording);
                    }
                    if (error instanceof PgException pg
                            && FOREIGN_KEY_VIOLATION.equals(pg.getSqlState())) {
                        return Future.failedFuture(
                                new ApiException(
                                        CatalogProblem.COURSE_NOT_FOUND,
                                        "No course " + recording.courseId() + "."));
                    }
                    return Future.failedFuture(error);
                });
    }

    private Future<Claimed> insertAndClaim(
            SqlConnection tx, Recording recording, NewJob importJob) {
        Tuple lectureRow =
                Tuple.of(
                        recording.courseId(),
                        recording.title(),
                        recording.recordedAt(),
                        recording.durationSeconds());
        return tx.preparedQuery(INSERT_LECTURE)
                .execute(lectureRow)
                .map(rows -> rows.iterator().next().getUUID(0))
                .compose(
                        lecture ->
                                // Blocks on a concurrent claim of the same key until that
                                // transaction ends, then sees it and inserts nothing.
                                tx.preparedQuery(CLAIM)
                                        .execute(
                                                Tuple.of(
                                                        recording.provider(),
                                                        recording.externalId(),
                                                        lecture,
                                                        recording.sourceUrl()))
                                        .compose(
                                                claim -> {
                                                    if (claim.size() == 0) {
                                                        return Future.failedFuture(
                                                                new AlreadyClaimed());
                                                    }
                                                    return jobs.enqueue(
                                                                    tx,
                                                                    importJob.forLecture(lecture))
                                                            .map(id -> new Claimed(lecture, true));
                                                }));
    }

    private Future<Claimed> existing(Recording recording) {
        return pool.preparedQuery(EXISTING)
                .execute(Tuple.of(recording.provider(), recording.externalId()))
                .map(rows -> new Claimed(rows.iterator().next().getUUID(0), false));
    }

    /** Rolls the losing transaction back: its lecture must not survive. */
    private static final class AlreadyClaimed extends RuntimeException {
        AlreadyClaimed() {
            super("recording already claimed", null, false, false);
        }
    }
}
