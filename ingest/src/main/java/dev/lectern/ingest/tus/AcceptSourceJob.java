package dev.lectern.ingest.tus;

import dev.lectern.catalog.lifecycle.LectureError;
import dev.lectern.catalog.lifecycle.LectureLifecycle;
import dev.lectern.catalog.lifecycle.SourceObject;
import dev.lectern.infra.jobs.Job;
import dev.lectern.infra.jobs.JobContext;
import dev.lectern.infra.jobs.JobHandler;
import dev.lectern.infra.jobs.NewJob;
import dev.lectern.ingest.IngestProblem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable half of finishing an upload. The final PATCH records "complete" and enqueues this job
 * in one transaction, then judges the source itself; the job becomes runnable only after {@link
 * #SAFETY_NET_DELAY}, so it normally finds the lecture judged and does nothing. When the API
 * process died before judging, a worker does it here, so no lecture stays {@code uploading}.
 */
public final class AcceptSourceJob implements JobHandler {
    public static final String KIND = "accept_source";
    static final int MAX_ATTEMPTS = 5;

    /** Far longer than judging takes (a few ranged GETs and one ffprobe run). */
    static final Duration SAFETY_NET_DELAY = Duration.ofMinutes(2);

    private static final Logger LOG = LoggerFactory.getLogger(AcceptSourceJob.class);

    private final UploadStore uploads;
    private final UploadCompletion completion;
    private final LectureLifecycle lifecycle;

    public AcceptSourceJob(
            UploadStore uploads, UploadCompletion completion, LectureLifecycle lifecycle) {
        this.uploads = uploads;
        this.completion = completion;
        this.lifecycle = lifecycle;
    }

    static NewJob job(Upload upload) {
        return NewJob.of(KIND, new JsonObject().put("uploadId", upload.id().toString()))
                .forLecture(upload.lectureId())
                // Ahead of transcodes: a teacher is waiting to see whether the file is usable.
                .withPriority(0)
                .withMaxAttempts(MAX_ATTEMPTS)
                .delayedBy(SAFETY_NET_DELAY);
    }

    UploadCompletion completion() {
        return completion;
    }

    @Override
    public Future<Void> run(JobContext context) {
        return completion.finish(uploadId(context.job()));
    }

    /** Out of attempts (the store or ffprobe kept failing): the teacher is told to try again. */
    @Override
    public Future<Void> onGiveUp(SqlConnection transaction, Job job) {
        return uploads.find(uploadId(job))
                .compose(
                        found ->
                                found.isEmpty()
                                        ? Future.<Void>succeededFuture()
                                        : lifecycle.rejectSource(
                                                found.get().lectureId(),
                                                new SourceObject(
                                                        found.get().objectKey(),
                                                        found.get().filename(),
                                                        found.get().length()),
                                                new LectureError(
                                                        IngestProblem.SOURCE_CHECK_FAILED.name(),
                                                        "The file could not be checked; upload it"
                                                                + " again.")))
                .recover(
                        e -> {
                            LOG.warn(
                                    "lecture of upload {} not rejected: {}",
                                    uploadId(job),
                                    e.getMessage());
                            return Future.succeededFuture();
                        });
    }

    private static UUID uploadId(Job job) {
        return UUID.fromString(job.payload().getString("uploadId"));
    }
}
