package dev.lectern.catalog.lifecycle;

import dev.lectern.catalog.RenditionSet;
import dev.lectern.infra.jobs.NewJob;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.UUID;

/**
 * The only way ingest and transcode change a lecture. Each method is one guarded state
 * transition: it succeeds only from the states listed, so a replayed webhook, a retried job or two
 * racing processes cannot move a lecture backwards. A refused transition fails with {@link
 * TransitionRefused}, which names the state that refused it.
 */
public interface LectureLifecycle {

    Future<Optional<LectureState>> find(UUID lectureId);

    /** awaiting_upload, rejected or failed → uploading: a (new) source is on its way. */
    Future<Void> beginUpload(UUID lectureId);

    /**
     * awaiting_upload → uploading, in one transaction with {@code importJob}: a URL import will
     * fetch the source in the background.
     */
    Future<Void> beginImport(UUID lectureId, NewJob importJob);

    /** uploading → failed: fetching the source for an import gave up; nothing was accepted. */
    Future<Void> failImport(UUID lectureId, LectureError error);

    /** uploading → awaiting_upload: the upload was abandoned or expired. */
    Future<Void> abandonUpload(UUID lectureId);

    /**
     * uploading → queued, in one transaction with the transcode job: the source is complete and
     * valid. Lower {@code priority} runs sooner.
     */
    Future<Void> acceptSource(
            UUID lectureId, SourceObject source, SourceSummary summary, int priority);

    /** uploading → rejected: the source is unusable. The original bytes are kept all the same. */
    Future<Void> rejectSource(UUID lectureId, SourceObject source, LectureError error);

    /** ready or failed → queued with a new transcode job: re-run processing, viewers keep watching. */
    Future<Void> reprocess(UUID lectureId, int priority);

    /** queued or processing → processing, handing out the version number this attempt writes. */
    Future<Integer> startProcessing(UUID lectureId);

    /**
     * processing → ready with {@code version} as the rendition set served from now on; a preview
     * ends. Returns the version it replaced, whose objects the caller deletes.
     */
    Future<Optional<Integer>> publish(UUID lectureId, int version, RenditionSet renditions);

    /**
     * processing → processing, playable: the encode of {@code version} has stored {@code
     * playableSeconds} of every rendition and students may start watching. Only for a lecture
     * with no published version, from its newest attempt; false (and nothing changes) otherwise,
     * or while a dead attempt's preview still plays further.
     */
    Future<Boolean> showPreview(
            UUID lectureId, int version, RenditionSet preview, double playableSeconds);

    /**
     * queued or processing → failed: processing gave up. A published version stays watchable, and
     * so does the part of a preview that was stored, marked incomplete.
     */
    Future<Void> failProcessing(UUID lectureId, LectureError error);

    /** The job kind acceptSource and reprocess enqueue. */
    String TRANSCODE_JOB = "transcode";
}
