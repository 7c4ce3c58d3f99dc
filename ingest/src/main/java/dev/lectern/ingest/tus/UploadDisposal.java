package dev.lectern.ingest.tus;

import dev.lectern.catalog.lifecycle.LectureLifecycle;
import dev.lectern.infra.storage.MultipartStore;
import dev.lectern.infra.storage.ObjectStore;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends an unfinished upload for good, for a DELETE or when it expires: the S3 multipart upload is
 * aborted, the tail deleted, the row marked, and the lecture returns to {@code awaiting_upload}.
 * The caller holds the upload's lock.
 */
final class UploadDisposal {
    private static final Logger LOG = LoggerFactory.getLogger(UploadDisposal.class);

    private final ObjectStore objects;
    private final MultipartStore multipart;
    private final UploadStore uploads;
    private final LectureLifecycle lifecycle;

    UploadDisposal(
            ObjectStore objects,
            MultipartStore multipart,
            UploadStore uploads,
            LectureLifecycle lifecycle) {
        this.objects = objects;
        this.multipart = multipart;
        this.uploads = uploads;
        this.lifecycle = lifecycle;
    }

    /** {@code status} is 'terminated' or 'expired'. */
    Future<Void> dispose(Upload upload, String status) {
        return multipart
                .abortMultipart(upload.objectKey(), upload.multipartId())
                .recover(
                        e -> {
                            // Already aborted by an earlier attempt that died before the update.
                            LOG.warn("abort of upload {} failed: {}", upload.id(), e.getMessage());
                            return Future.succeededFuture();
                        })
                .compose(v -> objects.delete(upload.tailKey()))
                .compose(v -> uploads.setStatus(upload.id(), status))
                .compose(
                        v ->
                                lifecycle
                                        .abandonUpload(upload.lectureId())
                                        .recover(
                                                e -> {
                                                    LOG.warn(
                                                            "lecture {} was not uploading: {}",
                                                            upload.lectureId(),
                                                            e.getMessage());
                                                    return Future.succeededFuture();
                                                }));
    }
}
