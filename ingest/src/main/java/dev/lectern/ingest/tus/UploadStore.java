package dev.lectern.ingest.tus;

import dev.lectern.infra.jobs.JobQueue;
import dev.lectern.infra.storage.MultipartStore.CompletedPart;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code uploads} table, and the per-upload lock every process honours. */
public final class UploadStore {
    private static final String INSERT =
            "INSERT INTO uploads (lecture_id, object_key, multipart_id, tail_key, part_size,"
                    + " upload_length, filename, filetype, metadata, expires_at, created_by)"
                    + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now() + make_interval(secs => $10), $11)"
                    + " RETURNING "
                    + Upload.COLUMNS;
    private static final String DECLARE_LENGTH =
            "UPDATE uploads SET upload_length = $2, updated_at = now()"
                    + " WHERE id = $1 AND upload_length IS NULL AND upload_offset <= $2";
    private static final String FIND = "SELECT " + Upload.COLUMNS + " FROM uploads WHERE id = $1";
    private static final String SAVE_PROGRESS =
            "UPDATE uploads SET parts = $2, upload_offset = $3, tail_length = $4,"
                    + " expires_at = now() + make_interval(secs => $5), updated_at = now()"
                    + " WHERE id = $1 AND status = 'receiving' AND upload_offset <= $3";
    private static final String MARK_COMPLETE =
            "UPDATE uploads SET parts = $2, upload_offset = upload_length, tail_length = 0,"
                    + " status = 'complete', updated_at = now()"
                    + " WHERE id = $1 AND status = 'receiving'";
    private static final String MARK_ASSEMBLED =
            "UPDATE uploads SET assembled_at = now(), updated_at = now()"
                    + " WHERE id = $1 AND assembled_at IS NULL";
    private static final String SET_STATUS =
            "UPDATE uploads SET status = $2, updated_at = now() WHERE id = $1 AND status = 'receiving'";
    private static final String EXPIRED =
            "SELECT "
                    + Upload.COLUMNS
                    + " FROM uploads WHERE status = 'receiving' AND expires_at < now()"
                    + " ORDER BY expires_at LIMIT 100";

    /** Multipart uploads someone still writes to: receiving uploads and unfinished imports. */
    private static final String OWNED_MULTIPART_IDS =
            "SELECT multipart_id FROM uploads WHERE status = 'receiving'"
                    + " UNION SELECT progress->'resume'->>'uploadId' FROM jobs"
                    + " WHERE kind = 'import' AND status IN ('queued', 'running')"
                    + " AND progress->'resume'->>'uploadId' IS NOT NULL";

    private static final String TRY_LOCK = "SELECT pg_try_advisory_lock(hashtextextended($1, 0))";

    private final Pool pool;
    private final JobQueue jobs;

    public UploadStore(Pool pool) {
        this.pool = pool;
        this.jobs = new JobQueue(pool, AcceptSourceJob.MAX_ATTEMPTS);
    }

    Future<Upload> create(
            UUID lectureId,
            String objectKey,
            String multipartId,
            String tailKey,
            int partSize,
            Long length,
            String filename,
            String filetype,
            String metadata,
            Duration expiry,
            String createdBy) {
        return pool.preparedQuery(INSERT)
                .execute(
                        Tuple.tuple()
                                .addUUID(lectureId)
                                .addString(objectKey)
                                .addString(multipartId)
                                .addString(tailKey)
                                .addInteger(partSize)
                                .addLong(length)
                                .addString(filename)
                                .addString(filetype)
                                .addString(metadata)
                                .addDouble((double) expiry.toSeconds())
                                .addString(createdBy))
                .map(rows -> Upload.from(rows.iterator().next()));
    }

    /** Records a deferred length (the caller holds the upload's lock); false if one was set. */
    Future<Boolean> declareLength(UUID id, long length) {
        return pool.preparedQuery(DECLARE_LENGTH)
                .execute(Tuple.of(id, length))
                .map(rows -> rows.rowCount() == 1);
    }

    public Future<Optional<Upload>> find(UUID id) {
        return pool.preparedQuery(FIND)
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(first(rows)));
    }

    private static Upload first(Iterable<Row> rows) {
        return Upload.from(rows.iterator().next());
    }

    /**
     * Records the stored parts, the offset and the tail. Progress only moves forward: a save that
     * arrives late (retried after an outage) never takes back what a later one recorded.
     */
    Future<Void> saveProgress(
            UUID id, List<CompletedPart> parts, long offset, int tailLength, Duration expiry) {
        return pool.preparedQuery(SAVE_PROGRESS)
                .execute(
                        Tuple.of(
                                id,
                                Upload.partsJson(parts),
                                offset,
                                tailLength,
                                (double) expiry.toSeconds()))
                .mapEmpty();
    }

    /**
     * Records that every byte is stored, together with the durable job that judges the source, in
     * one transaction: from here on the upload is finished even if this process dies at once.
     */
    Future<Void> markComplete(Upload upload, List<CompletedPart> parts) {
        return pool.withTransaction(
                tx ->
                        tx.preparedQuery(MARK_COMPLETE)
                                .execute(Tuple.of(upload.id(), Upload.partsJson(parts)))
                                .compose(
                                        rows ->
                                                rows.rowCount() == 1
                                                        ? jobs.enqueue(
                                                                tx, AcceptSourceJob.job(upload))
                                                        : Future.failedFuture(
                                                                new IllegalStateException(
                                                                        "upload "
                                                                                + upload.id()
                                                                                + " is no longer"
                                                                                + " receiving")))
                                .mapEmpty());
    }

    Future<Void> markAssembled(UUID id) {
        return pool.preparedQuery(MARK_ASSEMBLED).execute(Tuple.of(id)).mapEmpty();
    }

    Future<Void> setStatus(UUID id, String status) {
        return pool.preparedQuery(SET_STATUS).execute(Tuple.of(id, status)).mapEmpty();
    }

    Future<java.util.Set<String>> ownedMultipartIds() {
        return pool.query(OWNED_MULTIPART_IDS)
                .execute()
                .map(
                        rows -> {
                            java.util.Set<String> ids = new java.util.HashSet<>();
                            rows.forEach(row -> ids.add(row.getString(0)));
                            return ids;
                        });
    }

    Future<List<Upload>> expired() {
        return pool.query(EXPIRED)
                .execute()
                .map(
                        rows ->
                                java.util.stream.StreamSupport.stream(rows.spliterator(), false)
                                        .map(Upload::from)
                                        .toList());
    }

    /**
     * Takes the upload's advisory lock on a connection of its own, held until {@link
     * UploadLock#release()}. PostgreSQL drops the lock if this process dies, so a crashed writer
     * never blocks an upload. Empty when another request (in any process) holds it.
     */
    Future<Optional<UploadLock>> tryLock(UUID id) {
        return pool.getConnection()
                .compose(
                        connection ->
                                connection
                                        .preparedQuery(TRY_LOCK)
                                        .execute(Tuple.of(id.toString()))
                                        .map(rows -> rows.iterator().next().getBoolean(0))
                                        .transform(
                                                result -> {
                                                    if (result.succeeded() && result.result()) {
                                                        return Future.succeededFuture(
                                                                Optional.of(
                                                                        new UploadLock(
                                                                                connection, id)));
                                                    }
                                                    connection.close();
                                                    return result.failed()
                                                            ? Future.failedFuture(result.cause())
                                                            : Future.succeededFuture(
                                                                    Optional.<UploadLock>empty());
                                                }));
    }

    /** A held advisory lock; releasing it also returns the connection to the pool. */
    public static final class UploadLock {
        private final SqlConnection connection;
        private final UUID id;
        private boolean released;

        UploadLock(SqlConnection connection, UUID id) {
            this.connection = connection;
            this.id = id;
        }

        public Future<Void> release() {
            if (released) {
                return Future.succeededFuture();
            }
            released = true;
            return connection
                    .preparedQuery("SELECT pg_advisory_unlock(hashtextextended($1, 0))")
                    .execute(Tuple.of(id.toString()))
                    .<Void>mapEmpty()
                    .eventually(connection::close);
        }
    }
}
