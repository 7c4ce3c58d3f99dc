package dev.lectern.ingest.tus;

import dev.lectern.infra.http.ApiException;
import dev.lectern.ingest.IngestProblem;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Reading the tus request headers, and the {@code Upload-Expires} answer header. */
final class TusRequests {
    static final String OFFSET_STREAM = "application/offset+octet-stream";

    private TusRequests() {}

    /** Fails unless the body is sent as {@value #OFFSET_STREAM}. */
    static void requireOffsetStream(HttpServerRequest request) {
        if (!OFFSET_STREAM.equals(contentType(request))) {
            throw new ApiException(
                    IngestProblem.WRONG_CONTENT_TYPE, "Send the body as " + OFFSET_STREAM + ".");
        }
    }

    static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        return (length != null && parseLong(length) > 0)
                || request.getHeader("Transfer-Encoding") != null;
    }

    /** A header that must be a whole number of bytes, 0 or more. */
    static long longHeader(HttpServerRequest request, String name) {
        String value = request.getHeader(name);
        long parsed = value == null ? -1 : parseLong(value);
        if (parsed < 0) {
            throw TusProblems.invalid(name + " must be a whole number of bytes, 0 or more.");
        }
        return parsed;
    }

    /**
     * The length a creation request declares: {@code Upload-Length}, or null for {@code
     * Upload-Defer-Length: 1} (the length comes with a later PATCH). Exactly one of the two.
     */
    static Long declaredLength(HttpServerRequest request, long maxUploadBytes) {
        String deferred = request.getHeader("Upload-Defer-Length");
        if (deferred != null) {
            if (!deferred.trim().equals("1")) {
                throw TusProblems.invalid("Upload-Defer-Length can only be 1.");
            }
            if (request.getHeader("Upload-Length") != null) {
                throw TusProblems.invalid("Send Upload-Length or Upload-Defer-Length, not both.");
            }
            return null;
        }
        long length = longHeader(request, "Upload-Length");
        requireWithinLimit(length, maxUploadBytes);
        return length;
    }

    static void requireWithinLimit(long length, long maxUploadBytes) {
        if (length > maxUploadBytes) {
            throw new ApiException(
                    IngestProblem.UPLOAD_TOO_LARGE,
                    "Uploads may be at most " + maxUploadBytes + " bytes.");
        }
    }

    /** A declared Content-Length beyond the bytes the upload still expects. */
    static boolean longerThan(HttpServerRequest request, long room) {
        String declared = request.getHeader("Content-Length");
        return declared != null && parseLong(declared) > room;
    }

    static void expires(HttpServerResponse response, OffsetDateTime at) {
        response.putHeader(
                "Upload-Expires",
                DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atZoneSameInstant(ZoneOffset.UTC)));
    }

    private static String contentType(HttpServerRequest request) {
        String type = request.getHeader("Content-Type");
        return type == null ? "" : type.split(";")[0].trim().toLowerCase(Locale.ROOT);
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
