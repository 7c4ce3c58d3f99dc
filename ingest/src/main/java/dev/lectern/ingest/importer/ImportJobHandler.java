package dev.lectern.ingest.importer;

import dev.lectern.catalog.CatalogPorts;
import dev.lectern.catalog.LectureStatus;
import dev.lectern.catalog.StorageKeys;
import dev.lectern.catalog.lifecycle.LectureError;
import dev.lectern.catalog.lifecycle.LectureLifecycle;
import dev.lectern.catalog.lifecycle.LectureState;
import dev.lectern.catalog.lifecycle.SourceObject;
import dev.lectern.catalog.lifecycle.TransitionRefused;
import dev.lectern.infra.jobs.Job;
import dev.lectern.infra.jobs.JobContext;
import dev.lectern.infra.jobs.JobHandler;
import dev.lectern.infra.jobs.PermanentJobFailure;
import dev.lectern.infra.jobs.SequentialJob;
import dev.lectern.infra.storage.MultipartStore.StoredPart;
import dev.lectern.infra.storage.S3ObjectStore;
import dev.lectern.ingest.IngestOptions;
import dev.lectern.ingest.tus.SourceAcceptance;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlConnection;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@code import} job: streams the URL into the lecture's source object, then hands the
 * object to the same {@link SourceAcceptance} a finished tus upload goes through. The lecture
 * stays {@code uploading} meanwhile (the job's progress says how far); an import that cannot
 * succeed ends with the lecture {@code failed} and a stable error code.
 */
public final class ImportJobHandler implements JobHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ImportJobHandler.class);

    private final Vertx vertx;
    private final GuardedFetcher fetcher;
    private final S3ObjectStore store;
    private final LectureLifecycle lifecycle;
    private final SourceAcceptance acceptance;
    private final CaptionFetch captionFetch;
    private final long maxBytes;
    private final Duration timeLimit;

    public ImportJobHandler(
            Vertx vertx,
            GuardedFetcher fetcher,
            S3ObjectStore store,
            CatalogPorts catalog,
            SourceAcceptance acceptance,
            IngestOptions options) {
        this.vertx = vertx;
        this.fetcher = fetcher;
        this.store = store;
        this.lifecycle = catalog.lifecycle();
        this.acceptance = acceptance;
        this.captionFetch = new CaptionFetch(fetcher, catalog.captionImports());
        this.maxBytes = options.uploads().maxUploadBytes();
        this.timeLimit = options.imports().timeout();
    }

    @Override
    public Future<Void> run(JobContext context) {
        UUID lectureId = context.job().lectureId();
        String rawUrl = context.payload().getString("url");
        if (lectureId == null || rawUrl == null) {
            return Future.failedFuture(
                    new PermanentJobFailure("an import job needs a lecture and a url"));
        }
        return SequentialJob.run(
                vertx,
                job -> {
                    try {
                        importInto(job, context, lectureId, rawUrl);
                    } catch (ImportFailure failure) {
                        throw settled(lectureId, failure);
                    }
                });
    }

    private void importInto(SequentialJob job, JobContext context, UUID lectureId, String rawUrl) {
        Optional<LectureState> found = lifecycle.find(lectureId).await();
        if (found.isEmpty() || found.get().status() != LectureStatus.UPLOADING) {
            // Deleted, or an earlier attempt already got it accepted.
            LOG.info("import of lecture {} has nothing left to do", lectureId);
            return;
        }
        URI url = URI.create(rawUrl);
        String key = StorageKeys.source(lectureId);
        Checkpoint earlier = Checkpoint.in(context.job().progress());
        ImportProgress progress = new ImportProgress(context, earlier);
        ResumingCopy copy =
                new ResumingCopy(
                        vertx,
                        fetcher,
                        store,
                        store,
                        key,
                        maxBytes,
                        url,
                        ImportJobs.authorization(context.payload()),
                        progress);
        long started = System.nanoTime();
        long size =
                job.onEventLoop(() -> copyWithinLimits(context, lectureId, copy, key, earlier))
                        .await();
        LOG.info(
                "imported {} bytes for lecture {} in {} s ({} resumes)",
                size,
                lectureId,
                String.format("%.1f", (System.nanoTime() - started) / 1e9),
                copy.resumes());
        progress.copied(size);
        // Before the source is judged, so the captions are there when the lecture is published
        // and recognising its speech is not queued for nothing.
        captionFetch.importAll(
                job,
                lectureId,
                ImportJobs.captions(context.payload()),
                ImportJobs.authorization(context.payload()));
        acceptance.judge(lectureId, new SourceObject(key, ImportJobs.filename(url), size)).await();
    }

    /**
     * Runs the copy, from an earlier attempt's parts when there are enough, until it ends, the time
     * limit passes or the worker asks the job to stop. Called on the event loop, where the copy's
     * chunks, its timer and the stop signal all arrive.
     */
    private Future<Long> copyWithinLimits(
            JobContext context, UUID lectureId, ResumingCopy copy, String key, Checkpoint earlier) {
        long timer =
                vertx.setTimer(
                        timeLimit.toMillis(),
                        t ->
                                copy.abort(
                                        new ImportFailure(
                                                ImportProblem.IMPORT_FAILED,
                                                "The download took longer than "
                                                        + timeLimit.toMinutes()
                                                        + " minutes.",
                                                false)));
        context.stopSignal()
                .onSuccess(
                        reason ->
                                copy.abort(
                                        new ImportFailure(
                                                ImportProblem.IMPORT_FAILED,
                                                "The worker stopped (" + reason + ").",
                                                true)));
        return earlierParts(key, earlier)
                .compose(
                        parts -> {
                            if (parts == null) {
                                return copy.run();
                            }
                            LOG.info(
                                    "import of lecture {} goes on from {} parts of an earlier attempt",
                                    lectureId,
                                    parts.size());
                            return copy.resume(earlier, parts);
                        })
                .eventually(() -> Future.succeededFuture(vertx.cancelTimer(timer)));
    }

    /**
     * The parts an earlier attempt stored in its still open upload, or null to start afresh; then
     * any upload an earlier attempt left open is aborted, so its parts stop costing storage. Fewer
     * than two parts are not worth going on from ({@link ResumingCopy#resume} fetches the last
     * again), and an upload that is gone lists none on some servers instead of failing.
     */
    private Future<List<StoredPart>> earlierParts(String key, Checkpoint earlier) {
        Future<List<StoredPart>> listed =
                earlier == null
                        ? Future.succeededFuture(List.of())
                        : store.listParts(key, earlier.uploadId())
                                .recover(gone -> Future.succeededFuture(List.of()));
        return listed.compose(
                parts ->
                        parts.size() >= 2
                                ? Future.succeededFuture(parts)
                                : store.abortUnfinished(key)
                                        .recover(
                                                error -> {
                                                    LOG.warn(
                                                            "could not clear unfinished uploads of {}: {}",
                                                            key,
                                                            error.getMessage());
                                                    return Future.succeededFuture(0);
                                                })
                                        .map(aborted -> null));
    }

    /**
     * A final failure is written on the lecture and ends the job, whether or not writing it
     * worked; the others go back for another attempt.
     */
    private RuntimeException settled(UUID lectureId, ImportFailure failure) {
        if (failure.retryable()) {
            return failure;
        }
        lifecycle
                .failImport(
                        lectureId, new LectureError(failure.code().name(), failure.getMessage()))
                .otherwiseEmpty()
                .await();
        return new PermanentJobFailure(failure.code().name() + ": " + failure.getMessage());
    }

    @Override
    public Future<Void> onGiveUp(SqlConnection transaction, Job job) {
        String last = job.lastError() == null ? "" : " Last error: " + job.lastError();
        // No attempt will go on from the parts stored so far.
        store.abortUnfinished(StorageKeys.source(job.lectureId()))
                .onFailure(e -> LOG.warn("could not abort an import's upload: {}", e.getMessage()));
        return lifecycle
                .failImport(
                        job.lectureId(),
                        new LectureError(
                                ImportProblem.IMPORT_FAILED.name(),
                                "Fetching the recording failed after "
                                        + job.attempts()
                                        + " attempts."
                                        + last))
                .recover(
                        e ->
                                e instanceof TransitionRefused
                                        // Already settled: failed by a final error, or deleted.
                                        ? Future.succeededFuture()
                                        : Future.failedFuture(e));
    }
}
