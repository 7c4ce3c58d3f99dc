package dev.lectern.ingest.tus;

import dev.lectern.infra.http.ApiException;
import dev.lectern.ingest.IngestProblem;
import io.vertx.core.json.JsonObject;

/** The problems the tus verbs answer with, worded once. */
final class TusProblems {
    private TusProblems() {}

    static ApiException invalid(String detail) {
        return new ApiException(IngestProblem.INVALID_UPLOAD_REQUEST, detail);
    }

    static ApiException mismatch(long offset) {
        return new ApiException(
                IngestProblem.OFFSET_MISMATCH,
                "The upload is at offset " + offset + ".",
                new JsonObject().put("uploadOffset", offset));
    }

    static ApiException tooLong() {
        return new ApiException(
                IngestProblem.UPLOAD_TOO_LARGE,
                "The body is longer than the bytes the upload still expects.");
    }

    static ApiException notFound() {
        return new ApiException(IngestProblem.UPLOAD_NOT_FOUND, "No such upload.");
    }

    static ApiException gone() {
        return new ApiException(IngestProblem.UPLOAD_EXPIRED, "The upload is no longer available.");
    }
}
