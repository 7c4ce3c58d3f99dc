package dev.lectern.infra.storage;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The multipart-upload primitives, for callers that must keep an upload open across requests and
 * processes (resumable uploads). Parts other than the last must be at least {@link #partSize()}.
 */
public interface MultipartStore {
    Future<String> startMultipart(String key, String contentType);

    /** Uploads a part held in memory. */
    Future<CompletedPart> uploadPart(String key, String uploadId, int partNumber, Buffer data);

    /** Uploads {@code length} bytes of a local file, starting at {@code offset}, as one part. */
    Future<CompletedPart> uploadPart(
            String key, String uploadId, int partNumber, Path file, long offset, long length);

    Future<Void> completeMultipart(String key, String uploadId, List<CompletedPart> parts);

    Future<Void> abortMultipart(String key, String uploadId);

    /**
     * Aborts every unfinished multipart upload of exactly {@code key}, such as one left by a writer
     * that crashed, so its parts stop costing storage; completes with how many were aborted.
     */
    Future<Integer> abortUnfinished(String key);

    /**
     * The parts an open upload holds so far (in part-number order), so a later attempt can go on
     * from them; fails when the upload no longer exists.
     */
    Future<List<StoredPart>> listParts(String key, String uploadId);

    /**
     * The unfinished multipart uploads under {@code prefix}: invisible in a listing of objects,
     * billed by S3 until completed or aborted.
     */
    Future<List<OpenUpload>> openUploads(String prefix);

    /** The configured part size in bytes (5 MiB at least, as S3 requires). */
    int partSize();

    /** Where parts are assembled before {@link #uploadPart(String, String, int, Buffer)}. */
    PartMemory partMemory();

    /** A stored part: its number and the ETag S3 returned for it. */
    record CompletedPart(int number, String etag) {}

    /** An unfinished multipart upload and when it was started. */
    record OpenUpload(String key, String uploadId, Instant initiated) {}

    /** A part found in an open upload, with its size. */
    record StoredPart(int number, String etag, long size) {}
}
