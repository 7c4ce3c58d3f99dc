package dev.lectern.ingest.importer;

import io.vertx.core.json.JsonObject;

/**
 * Where a later attempt of an import can go on: the open multipart upload holding the parts stored
 * so far, and the validator (ETag or Last-Modified) of the file they came from, so the rest is
 * asked for with {@code If-Range} and a file that changed meanwhile is fetched whole again. Kept in
 * the job's progress, which outlives the attempt (and the worker process) that wrote it.
 */
record Checkpoint(String uploadId, String validator) {
    private static final String FIELD = "resume";

    /** The checkpoint an earlier attempt saved in the job's progress, or null. */
    static Checkpoint in(JsonObject progress) {
        JsonObject saved = progress == null ? null : progress.getJsonObject(FIELD);
        if (saved == null
                || saved.getString("uploadId") == null
                || saved.getString("validator") == null) {
            return null;
        }
        return new Checkpoint(saved.getString("uploadId"), saved.getString("validator"));
    }

    /** Adds this checkpoint to a progress report. */
    JsonObject addTo(JsonObject progress) {
        return progress.put(
                FIELD, new JsonObject().put("uploadId", uploadId).put("validator", validator));
    }
}
