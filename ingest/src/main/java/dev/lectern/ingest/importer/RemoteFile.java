package dev.lectern.ingest.importer;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the server said about the file an import copies: its length when known, a validator (a
 * strong ETag, else Last-Modified) to resume with {@code If-Range}, and its content type.
 */
final class RemoteFile {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private Long total;
    private String validator;
    private String contentType = "application/octet-stream";

    /** The headers that ask for the rest from {@code received} on (none for the whole file). */
    MultiMap requestFrom(long received) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        if (received > 0) {
            headers.add("Range", "bytes=" + received + "-");
            if (validator != null) {
                headers.add("If-Range", validator);
            }
        }
        return headers;
    }

    /** Reads a whole body's headers: the first answer, or one that ignored the range. */
    void remember(HttpClientResponse response) {
        String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
        total = length == null ? null : Long.valueOf(length);
        String etag = response.getHeader(HttpHeaders.ETAG);
        validator =
                etag != null && !etag.startsWith("W/")
                        ? etag
                        : response.getHeader(HttpHeaders.LAST_MODIFIED);
        String type = response.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type != null && !type.isBlank()) {
            contentType = type;
        }
    }

    /**
     * Whether a 206 answer starts at {@code received}, as asked; it may also tell the total when
     * the first answer did not.
     */
    boolean resumesAt(HttpClientResponse response, long received) {
        Matcher range = CONTENT_RANGE.matcher(String.valueOf(response.getHeader("Content-Range")));
        if (!range.matches() || Long.parseLong(range.group(1)) != received) {
            return false;
        }
        total = range.group(3).equals("*") ? total : Long.valueOf(range.group(3));
        return true;
    }

    /** The length in bytes, or null when the server did not say. */
    Long total() {
        return total;
    }

    /** Null when the server gave none, so a resumed range could not be checked. */
    String validator() {
        return validator;
    }

    /** Goes on with the validator an earlier attempt saw. */
    void validator(String earlier) {
        validator = earlier;
    }

    String contentType() {
        return contentType;
    }
}
