package dev.lectern.ingest.tus;

import dev.lectern.infra.storage.MultipartStore;
import dev.lectern.infra.storage.MultipartStore.OpenUpload;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aborts S3 multipart uploads nobody will finish: a lecture's source upload that no receiving
 * upload and no unfinished import owns (a process died between starting it and recording it, or
 * the record went another way), and any other multipart upload open for a day (a worker killed in
 * the middle of storing a large file). S3 never shows them in a listing but bills their parts.
 */
final class UnownedMultipartSweep {
    private static final Logger LOG = LoggerFactory.getLogger(UnownedMultipartSweep.class);

    /** Room for a source upload to be recorded after S3 started it. */
    static final Duration SOURCE_GRACE = Duration.ofHours(1);

    /** Longer than any single object Lectern writes takes. */
    static final Duration ANY_GRACE = Duration.ofDays(1);

    private static final String SOURCE_SUFFIX = "/source/original";

    private final MultipartStore multipart;
    private final UploadStore uploads;

    UnownedMultipartSweep(MultipartStore multipart, UploadStore uploads) {
        this.multipart = multipart;
        this.uploads = uploads;
    }

    /** Aborts what nobody owns; completes with how many. */
    Future<Integer> sweep(Instant now) {
        return multipart
                .openUploads("lectures/")
                .compose(
                        open ->
                                open.isEmpty()
                                        ? Future.succeededFuture(0)
                                        : uploads.ownedMultipartIds()
                                                .compose(owned -> abort(open, owned, now)));
    }

    private Future<Integer> abort(List<OpenUpload> open, Set<String> owned, Instant now) {
        List<Future<Void>> aborts =
                open.stream()
                        .filter(upload -> abandoned(upload, owned, now))
                        .map(
                                upload -> {
                                    LOG.info(
                                            "aborting unfinished multipart upload of {} started {}:"
                                                    + " nothing owns it",
                                            upload.key(),
                                            upload.initiated());
                                    return multipart.abortMultipart(
                                            upload.key(), upload.uploadId());
                                })
                        .toList();
        return Future.all(aborts).map(aborts.size());
    }

    private static boolean abandoned(OpenUpload upload, Set<String> owned, Instant now) {
        Duration age = Duration.between(upload.initiated(), now);
        if (upload.key().endsWith(SOURCE_SUFFIX)) {
            return !owned.contains(upload.uploadId()) && age.compareTo(SOURCE_GRACE) > 0;
        }
        return age.compareTo(ANY_GRACE) > 0;
    }
}
