package dev.lectern.ingest.tus;

import dev.lectern.infra.storage.MultipartStore.CompletedPart;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One resumable upload as stored in PostgreSQL. The bytes received so far are {@code parts} (each
 * exactly {@code partSize} long) followed by the first {@code tailLength} bytes of the tail object.
 * {@code length} is null while the client defers it (tus creation-defer-length).
 */
public record Upload(
        UUID id,
        UUID lectureId,
        String objectKey,
        String multipartId,
        String tailKey,
        int partSize,
        List<CompletedPart> parts,
        long offset,
        Long length,
        int tailLength,
        String filename,
        String filetype,
        String metadata,
        String status,
        OffsetDateTime expiresAt,
        String createdBy,
        boolean assembled) {

    static final String COLUMNS =
            "id, lecture_id, object_key, multipart_id, tail_key, part_size, parts, upload_offset,"
                    + " upload_length, tail_length, filename, filetype, metadata, status, expires_at,"
                    + " created_by, assembled_at IS NOT NULL AS assembled";

    static Upload from(Row row) {
        Object raw = row.getValue("parts");
        JsonArray array = raw instanceof JsonArray a ? a : new JsonArray(String.valueOf(raw));
        List<CompletedPart> parts = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonObject part = array.getJsonObject(i);
            parts.add(new CompletedPart(part.getInteger("n"), part.getString("etag")));
        }
        return new Upload(
                row.getUUID("id"),
                row.getUUID("lecture_id"),
                row.getString("object_key"),
                row.getString("multipart_id"),
                row.getString("tail_key"),
                row.getInteger("part_size"),
                List.copyOf(parts),
                row.getLong("upload_offset"),
                row.getLong("upload_length"),
                row.getInteger("tail_length"),
                row.getString("filename"),
                row.getString("filetype"),
                row.getString("metadata"),
                row.getString("status"),
                row.getOffsetDateTime("expires_at"),
                row.getString("created_by"),
                row.getBoolean("assembled"));
    }

    /** Whether the client has said how long the upload is. */
    boolean lengthKnown() {
        return length != null;
    }

    /** The bytes the upload may still take: up to its length, or the size limit while deferred. */
    long room(long maxUploadBytes) {
        return (lengthKnown() ? length : maxUploadBytes) - offset;
    }

    /** Whether {@code more} bytes after the offset make the whole upload. */
    boolean completedBy(long more) {
        return lengthKnown() && offset + more == length;
    }

    /** The upload with its length, once the client declares it. */
    Upload withLength(long declared) {
        return new Upload(
                id,
                lectureId,
                objectKey,
                multipartId,
                tailKey,
                partSize,
                parts,
                offset,
                declared,
                tailLength,
                filename,
                filetype,
                metadata,
                status,
                expiresAt,
                createdBy,
                assembled);
    }

    static JsonArray partsJson(List<CompletedPart> parts) {
        JsonArray array = new JsonArray();
        parts.forEach(p -> array.add(new JsonObject().put("n", p.number()).put("etag", p.etag())));
        return array;
    }

    /** Every byte is stored and the source is (being) judged. */
    public boolean complete() {
        return status.equals("complete");
    }

    public boolean receiving() {
        return status.equals("receiving");
    }

    public boolean expired() {
        return receiving() && expiresAt.toInstant().isBefore(java.time.Instant.now());
    }
}
