package dev.lectern.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Lectern's public HTTP API as the benchmark uses it, over loopback: the same requests a web page
 * or a tus client sends, with a bearer token.
 */
final class Api {
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
    final String base;
    final String token;

    Api(String base, String token) {
        this.base = base;
        this.token = token;
    }

    Api as(String otherToken) {
        return new Api(base, otherToken);
    }

    JsonObject call(String method, String path, JsonObject body, int expected) {
        HttpRequest request =
                request(path)
                        .header("Content-Type", "application/json")
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body.encode()))
                        .build();
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(
                    method
                            + " "
                            + path
                            + " answered "
                            + response.statusCode()
                            + ": "
                            + response.body());
        }
        return response.body().isEmpty() ? new JsonObject() : new JsonObject(response.body());
    }

    String createCourse(String code) {
        return call(
                        "POST",
                        "/api/v1/courses",
                        new JsonObject().put("code", code).put("title", code),
                        201)
                .getString("id");
    }

    void addMember(String course, String user, String role) {
        call(
                "PUT",
                "/api/v1/courses/" + course + "/members/" + user,
                new JsonObject().put("role", role),
                201);
    }

    String createLecture(String course, String title) {
        JsonObject body = new JsonObject().put("title", title).put("visibility", "published");
        return call("POST", "/api/v1/courses/" + course + "/lectures", body, 201).getString("id");
    }

    String status(String lecture) {
        return call("GET", "/api/v1/lectures/" + lecture, null, 200).getString("status");
    }

    /** An absolute URL for a path or URL the service returned. */
    String absolute(String pathOrUrl) {
        return pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl;
    }

    /** A GET that returns its status and body (for media, playlists and playback). */
    HttpResponse<byte[]> get(String pathOrUrl) {
        return send(request(pathOrUrl).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Creates a tus upload for {@code lecture} of {@code length} bytes and returns its URL. */
    String createUpload(String lecture, long length, String filename) {
        return createUpload(lecture, filename, "video/mp4", "Upload-Length", Long.toString(length));
    }

    /**
     * Creates a tus upload whose length is declared later (creation-defer-length), as the
     * browser's recorder does while recording; returns its URL.
     */
    String createDeferredUpload(String lecture, String filename) {
        return createUpload(lecture, filename, "video/webm", "Upload-Defer-Length", "1");
    }

    private String createUpload(
            String lecture, String filename, String type, String lengthHeader, String length) {
        String metadata =
                "lectureId "
                        + b64(lecture)
                        + ",filename "
                        + b64(filename)
                        + ",filetype "
                        + b64(type);
        HttpResponse<String> response =
                send(
                        request("/api/v1/uploads")
                                .header("Tus-Resumable", "1.0.0")
                                .header(lengthHeader, length)
                                .header("Upload-Metadata", metadata)
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(
                    "tus creation answered " + response.statusCode() + ": " + response.body());
        }
        return absolute(response.headers().firstValue("Location").orElseThrow());
    }

    /** One tus PATCH streaming {@code length} bytes of {@code file} from {@code offset}. */
    void patch(String upload, Path file, long offset, long length) {
        patch(upload, file, offset, length, -1);
    }

    /**
     * One tus PATCH; with {@code declaredLength} ≥ 0 it also declares the upload's length (the
     * last piece of a recording, sent when the teacher presses Stop).
     */
    void patch(String upload, Path file, long offset, long length, long declaredLength) {
        HttpRequest.BodyPublisher body =
                HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> slice(file, offset, length)),
                        length);
        HttpResponse<String> response =
                send(
                        withLength(
                                        request(upload)
                                                .header("Tus-Resumable", "1.0.0")
                                                .header("Upload-Offset", Long.toString(offset))
                                                .header(
                                                        "Content-Type",
                                                        "application/offset+octet-stream")
                                                .timeout(Duration.ofMinutes(30)),
                                        declaredLength)
                                .method("PATCH", body)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 204) {
            throw new IllegalStateException(
                    "tus PATCH answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static HttpRequest.Builder withLength(HttpRequest.Builder request, long length) {
        return length < 0 ? request : request.header("Upload-Length", Long.toString(length));
    }

    private static InputStream slice(Path file, long offset, long length) {
        try {
            InputStream in = Files.newInputStream(file);
            in.skipNBytes(offset);
            return new BoundedInputStream(in, length);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Uploads a whole file in PATCHes of at most {@code chunk} bytes. */
    void upload(String lecture, Path file, long chunk) throws IOException {
        long size = Files.size(file);
        String upload = createUpload(lecture, size, file.getFileName().toString());
        for (long offset = 0; offset < size; offset += chunk) {
            patch(upload, file, offset, Math.min(chunk, size - offset));
        }
    }

    Optional<String> header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name);
    }

    private HttpRequest.Builder request(String pathOrUrl) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(absolute(pathOrUrl)))
                        .timeout(Duration.ofMinutes(5));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String b64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    /** An input stream that ends after {@code remaining} bytes of another. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedInputStream(InputStream in, long remaining) {
            this.in = in;
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(buffer, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
