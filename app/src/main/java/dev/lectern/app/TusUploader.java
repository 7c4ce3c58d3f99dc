package dev.lectern.app;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;

/**
 * A small tus 1.0 client for {@code lectern import}: creates an upload for a lecture and sends the
 * file in chunks with PATCH. When a PATCH fails (a dropped connection, a server restart), it asks
 * the server with HEAD how many bytes arrived and continues from there, a few times before giving
 * up.
 *
 * <p>Not tus-java-client: it speaks through {@code HttpURLConnection}, which cannot send PATCH, so
 * every chunk goes as a POST with {@code X-HTTP-Method-Override: PATCH} (which the tus endpoint
 * does not route) and {@code Expect: 100-continue}; and when a resuming HEAD answers 404 or 410
 * it quietly starts a new upload from the first byte instead of saying the upload is gone. This
 * client keeps to the JDK's HTTP client with real PATCH requests.
 */
final class TusUploader {
    static final int CHUNK_BYTES = 8 * 1024 * 1024;
    static final int MAX_RETRIES = 5;

    private final HttpClient http;
    private final URI server;
    private final String token;
    private final PrintStream out;
    private final Duration retryDelay;
    private final int chunkBytes;

    TusUploader(
            HttpClient http,
            URI server,
            String token,
            PrintStream out,
            Duration retryDelay,
            int chunkBytes) {
        this.http = http;
        this.server = server;
        this.token = token;
        this.out = out;
        this.retryDelay = retryDelay;
        this.chunkBytes = chunkBytes;
    }

    /** Uploads {@code file} as the source of {@code lectureId}; returns the upload's URL. */
    URI upload(UUID lectureId, Path file) throws IOException, InterruptedException {
        try (RandomAccessFile input = new RandomAccessFile(file.toFile(), "r")) {
            long length = input.length();
            URI upload = create(lectureId, file.getFileName().toString(), length);
            long offset = 0;
            int failures = 0;
            long started = System.nanoTime();
            byte[] chunk = new byte[(int) Math.min(chunkBytes, Math.max(1, length))];
            while (offset < length) {
                int size = (int) Math.min(chunk.length, length - offset);
                input.seek(offset);
                input.readFully(chunk, 0, size);
                try {
                    offset = patch(upload, offset, chunk, size);
                    failures = 0;
                    progress(offset, length, started);
                } catch (IOException e) {
                    if (++failures > MAX_RETRIES) {
                        throw new IOException(
                                "upload failed " + failures + " times in a row: " + e.getMessage(),
                                e);
                    }
                    out.printf(
                            "  chunk at %d failed (%s); retry %d of %d%n",
                            offset, e.getMessage(), failures, MAX_RETRIES);
                    Thread.sleep(retryDelay.multipliedBy(failures).toMillis());
                    offset = headOffset(upload, offset);
                }
            }
            return upload;
        }
    }

    private URI create(UUID lectureId, String filename, long length)
            throws IOException, InterruptedException {
        String metadata =
                "lectureId "
                        + b64(lectureId.toString())
                        + ",filename "
                        + b64(filename)
                        + ",filetype "
                        + b64(filetype(filename));
        HttpResponse<String> created =
                send(
                        request(server.resolve("/api/v1/uploads"))
                                .header("Upload-Length", Long.toString(length))
                                .header("Upload-Metadata", metadata)
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build());
        if (created.statusCode() != 201) {
            throw new IOException(
                    "the server refused the upload ("
                            + created.statusCode()
                            + "): "
                            + created.body());
        }
        return server.resolve(created.headers().firstValue("Location").orElseThrow());
    }

    /** Sends one chunk; returns the new offset. Non-2xx answers count as failures to retry. */
    private long patch(URI upload, long offset, byte[] chunk, int size)
            throws IOException, InterruptedException {
        HttpResponse<String> response =
                send(
                        request(upload)
                                .header("Upload-Offset", Long.toString(offset))
                                .header("Content-Type", "application/offset+octet-stream")
                                .method(
                                        "PATCH",
                                        HttpRequest.BodyPublishers.ofByteArray(chunk, 0, size))
                                .build());
        if (response.statusCode() != 204) {
            if (response.statusCode() / 100 == 4
                    && response.statusCode() != 409
                    && response.statusCode() != 423
                    && response.statusCode() != 460) {
                throw new IllegalStateException(
                        "the server refused the chunk ("
                                + response.statusCode()
                                + "): "
                                + response.body());
            }
            throw new IOException("PATCH answered " + response.statusCode());
        }
        return Long.parseLong(response.headers().firstValue("Upload-Offset").orElseThrow());
    }

    private long headOffset(URI upload, long fallback) throws InterruptedException {
        try {
            HttpResponse<String> head =
                    send(
                            request(upload)
                                    .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                    .build());
            if (head.statusCode() / 100 == 2) {
                return Long.parseLong(head.headers().firstValue("Upload-Offset").orElseThrow());
            }
        } catch (IOException e) {
            // The next PATCH will fail again and count against the retries.
        }
        return fallback;
    }

    private void progress(long offset, long length, long startedNanos) {
        double seconds = Math.max(1e-3, (System.nanoTime() - startedNanos) / 1e9);
        out.printf(
                Locale.ROOT,
                "  %5.1f%%  %,d of %,d bytes  %.1f MB/s%n",
                length == 0 ? 100.0 : offset * 100.0 / length,
                offset,
                length,
                offset / seconds / 1e6);
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofMinutes(5))
                .header("Tus-Resumable", "1.0.0")
                .header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest request)
            throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String b64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String filetype(String filename) {
        String lower = filename.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".mp4") || lower.endsWith(".m4v")) {
            return "video/mp4";
        }
        if (lower.endsWith(".webm")) {
            return "video/webm";
        }
        if (lower.endsWith(".mkv")) {
            return "video/x-matroska";
        }
        if (lower.endsWith(".mov")) {
            return "video/quicktime";
        }
        return "application/octet-stream";
    }
}
