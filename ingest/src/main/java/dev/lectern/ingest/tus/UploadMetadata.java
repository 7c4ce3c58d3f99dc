package dev.lectern.ingest.tus;

import dev.lectern.infra.http.ApiException;
import dev.lectern.ingest.IngestProblem;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code Upload-Metadata} header: comma-separated {@code key base64value} pairs. Lectern needs
 * {@code lectureId} and {@code filename}; {@code filetype} is optional.
 */
record UploadMetadata(UUID lectureId, String filename, String filetype, String raw) {

    static UploadMetadata parse(String header) {
        if (header == null || header.isBlank()) {
            throw invalid("Upload-Metadata with lectureId and filename is required.");
        }
        if (header.length() > 4096) {
            throw invalid("Upload-Metadata is too long.");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : header.split(",")) {
            String[] fields = pair.trim().split(" ", 2);
            if (fields[0].isEmpty() || values.containsKey(fields[0])) {
                throw invalid("Upload-Metadata has an empty or repeated key.");
            }
            try {
                values.put(
                        fields[0],
                        fields.length == 2
                                ? new String(
                                        Base64.getDecoder().decode(fields[1].trim()),
                                        StandardCharsets.UTF_8)
                                : "");
            } catch (IllegalArgumentException e) {
                throw invalid("Upload-Metadata value of '" + fields[0] + "' is not base64.");
            }
        }
        UUID lectureId;
        try {
            lectureId = UUID.fromString(values.getOrDefault("lectureId", ""));
        } catch (IllegalArgumentException e) {
            throw invalid("Upload-Metadata must carry lectureId, the id of the lecture.");
        }
        String filename = safeFilename(values.getOrDefault("filename", ""));
        if (filename.isEmpty()) {
            throw invalid("Upload-Metadata must carry filename.");
        }
        String filetype = values.getOrDefault("filetype", "");
        if (!filetype.matches("[\\w.+-]{1,100}/[\\w.+-]{1,100}")) {
            filetype = "application/octet-stream";
        }
        return new UploadMetadata(lectureId, filename, filetype, header);
    }

    /** The last path segment, without control characters: a name to show, never a path. */
    private static String safeFilename(String name) {
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        String clean = base.replaceAll("\\p{Cntrl}", "").strip();
        return clean.length() > 300 ? clean.substring(0, 300) : clean;
    }

    private static ApiException invalid(String detail) {
        return new ApiException(IngestProblem.INVALID_UPLOAD_REQUEST, detail);
    }
}
