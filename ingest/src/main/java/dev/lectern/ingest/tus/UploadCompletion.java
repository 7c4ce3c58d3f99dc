package dev.lectern.ingest.tus;

import dev.lectern.catalog.LectureStatus;
import dev.lectern.catalog.lifecycle.LectureLifecycle;
import dev.lectern.catalog.lifecycle.SourceObject;
import dev.lectern.catalog.lifecycle.TransitionRefused;
import dev.lectern.infra.storage.MultipartStore;
import dev.lectern.infra.storage.MultipartStore.CompletedPart;
import dev.lectern.infra.storage.ObjectStore;
import io.vertx.core.Future;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Takes an upload from "every byte stored" to a judged lecture: completes the S3 multipart upload
 * (once), then lets {@link SourceAcceptance} queue or reject the lecture. The API process that
 * received the last byte runs it at once; the durable {@link AcceptSourceJob} runs it again later
 * in a worker, which only does something when that first run never finished (the process died).
 * Every step is idempotent, so the two may even overlap: the lecture's guarded transition lets one
 * verdict through.
 */
public final class UploadCompletion {
    private final UploadStore uploads;
    private final ObjectStore objects;
    private final MultipartStore multipart;
    private final LectureLifecycle lifecycle;
    private final SourceAcceptance acceptance;

    public UploadCompletion(
            UploadStore uploads,
            ObjectStore objects,
            MultipartStore multipart,
            LectureLifecycle lifecycle,
            SourceAcceptance acceptance) {
        this.uploads = uploads;
        this.objects = objects;
        this.multipart = multipart;
        this.lifecycle = lifecycle;
        this.acceptance = acceptance;
    }

    /** Judges the upload's source unless that already happened (or the lecture is gone). */
    public Future<Void> finish(UUID uploadId) {
        return uploads.find(uploadId)
                .compose(
                        found ->
                                found.filter(Upload::complete)
                                        .map(this::finishComplete)
                                        .orElse(Future.succeededFuture()));
    }

    /** Assembles and judges the source while the lecture still waits for it. */
    private Future<Void> finishComplete(Upload upload) {
        return lifecycle
                .find(upload.lectureId())
                .compose(
                        lecture ->
                                lecture.isPresent()
                                                && lecture.get().status() == LectureStatus.UPLOADING
                                        ? assemble(upload).compose(v -> judge(upload))
                                        : Future.succeededFuture());
    }

    private Future<Void> judge(Upload upload) {
        return acceptance
                .judge(
                        upload.lectureId(),
                        new SourceObject(upload.objectKey(), upload.filename(), upload.length()))
                .<Void>mapEmpty()
                .recover(
                        e ->
                                // Another run judged it first: its verdict stands.
                                e instanceof TransitionRefused
                                        ? Future.succeededFuture()
                                        : Future.failedFuture(e));
    }

    /** Completes the multipart upload, unless an earlier run recorded that it did. */
    private Future<Void> assemble(Upload upload) {
        if (upload.assembled()) {
            return Future.succeededFuture();
        }
        return multipart
                .completeMultipart(upload.objectKey(), upload.multipartId(), upload.parts())
                .recover(e -> completedEarlier(upload, e))
                .compose(v -> uploads.markAssembled(upload.id()));
    }

    /**
     * A run that died between completing the multipart upload and recording it leaves an upload id
     * S3 no longer knows. The object is then ours if its ETag is the multipart ETag of exactly
     * these parts (MD5 of the parts' MD5s, then "-" and the part count), which an earlier source
     * at the same key cannot have unless it had the same bytes.
     */
    private Future<Void> completedEarlier(Upload upload, Throwable failure) {
        return objects.head(upload.objectKey())
                .compose(
                        info ->
                                info.isPresent()
                                                && info.get().size() == upload.length()
                                                && multipartEtag(upload.parts())
                                                        .equals(unquote(info.get().etag()))
                                        ? Future.succeededFuture()
                                        : Future.failedFuture(failure));
    }

    static String multipartEtag(List<CompletedPart> parts) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            for (CompletedPart part : parts) {
                md5.update(HexFormat.of().parseHex(unquote(part.etag())));
            }
            return HexFormat.of().formatHex(md5.digest()) + "-" + parts.size();
        } catch (NoSuchAlgorithmException | IllegalArgumentException e) {
            return "";
        }
    }

    private static String unquote(String etag) {
        return etag == null ? "" : etag.replace("\"", "");
    }
}
