package dev.lectern.ingest.tus;

import dev.lectern.infra.http.ApiException;
import dev.lectern.ingest.IngestProblem;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/** An {@code Upload-Checksum} header: the algorithm and the digest the client computed. */
record Checksum(String algorithm, byte[] expected) {
    /** tus algorithm names mapped to JCA names, in the order advertised. */
    static final Map<String, String> ALGORITHMS =
            Map.of("sha1", "SHA-1", "sha256", "SHA-256", "md5", "MD5");

    static final String ADVERTISED = "sha1,sha256,md5";

    /** Parses the header; null when absent. */
    static Checksum parse(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String[] fields = header.trim().split(" ", 2);
        if (!ALGORITHMS.containsKey(fields[0])) {
            throw new ApiException(
                    IngestProblem.UNSUPPORTED_CHECKSUM,
                    "Supported checksum algorithms: " + ADVERTISED + ".");
        }
        if (fields.length != 2) {
            throw new ApiException(
                    IngestProblem.INVALID_UPLOAD_REQUEST,
                    "Upload-Checksum must be '<algorithm> <base64 digest>'.");
        }
        try {
            return new Checksum(fields[0], Base64.getDecoder().decode(fields[1].trim()));
        } catch (IllegalArgumentException e) {
            throw new ApiException(
                    IngestProblem.INVALID_UPLOAD_REQUEST,
                    "The Upload-Checksum digest is not valid base64.");
        }
    }

    MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(ALGORITHMS.get(algorithm));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
