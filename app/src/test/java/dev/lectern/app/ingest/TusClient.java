package dev.lectern.app.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.UUID;

/** A deliberately plain tus client for the tests: each call is one HTTP request over loopback. */
public final class TusClient {
    private final HttpClient http = HttpClient.newHttpClient();
    final String base;
    final String token;

    public TusClient(String base, String token) {
        this.base = base;
        this.token = token;
    }

    public static String metadata(UUID lectureId, String filename) {
        return "lectureId "
                + b64(lectureId.toString())
                + ",filename "
                + b64(filename)
                + ",filetype "
                + b64("video/mp4");
    }

    public static String b64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha1(byte[] data, int from, int to) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-1");
        digest.update(data, from, to - from);
        return "sha1 " + Base64.getEncoder().encodeToString(digest.digest());
    }

    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                        // A stuck request fails the test instead of hanging the suite.
                        .timeout(java.time.Duration.ofSeconds(90))
                        .header("Tus-Resumable", "1.0.0");
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    public HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> create(UUID lectureId, long length) throws Exception {
        return send(
                request("/api/v1/uploads")
                        .header("Upload-Length", Long.toString(length))
                        .header("Upload-Metadata", metadata(lectureId, "talk.mp4"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build());
    }

    /** A creation whose length comes later (tus creation-defer-length). */
    public HttpResponse<String> createDeferred(UUID lectureId) throws Exception {
        return send(
                request("/api/v1/uploads")
                        .header("Upload-Defer-Length", "1")
                        .header("Upload-Metadata", metadata(lectureId, "recording.webm"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build());
    }

    /** A PATCH that also declares the upload's length. */
    public HttpResponse<String> patchDeclaring(
            String url, long offset, byte[] data, int from, int to, long length) throws Exception {
        return send(
                request(url)
                        .header("Upload-Offset", Long.toString(offset))
                        .header("Upload-Length", Long.toString(length))
                        .header("Content-Type", "application/offset+octet-stream")
                        .method(
                                "PATCH",
                                HttpRequest.BodyPublishers.ofByteArray(data, from, to - from))
                        .build());
    }

    /** The upload's URL from a creation response. */
    public String location(HttpResponse<String> created) {
        return base + created.headers().firstValue("Location").orElseThrow();
    }

    public HttpResponse<String> head(String url) throws Exception {
        return send(request(url).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    }

    public HttpResponse<String> patch(String url, long offset, byte[] data, int from, int to)
            throws Exception {
        return patch(url, offset, data, from, to, null);
    }

    public HttpResponse<String> patch(
            String url, long offset, byte[] data, int from, int to, String checksum)
            throws Exception {
        HttpRequest.Builder builder =
                request(url)
                        .header("Upload-Offset", Long.toString(offset))
                        .header("Content-Type", "application/offset+octet-stream")
                        .method(
                                "PATCH",
                                HttpRequest.BodyPublishers.ofByteArray(data, from, to - from));
        if (checksum != null) {
            builder.header("Upload-Checksum", checksum);
        }
        return send(builder.build());
    }

    public HttpResponse<String> delete(String url) throws Exception {
        return send(request(url).DELETE().build());
    }

    /**
     * Sends a PATCH that announces {@code data.length - from} bytes but only writes up to {@code
     * to}, then drops the connection: what a flaky network does.
     */
    void patchThenDrop(String url, long offset, byte[] data, int from, int to) throws IOException {
        URI uri = URI.create(url);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            String head =
                    "PATCH "
                            + uri.getPath()
                            + " HTTP/1.1\r\nHost: "
                            + uri.getHost()
                            + "\r\nTus-Resumable: 1.0.0\r\nAuthorization: Bearer "
                            + token
                            + "\r\nContent-Type: application/offset+octet-stream\r\nUpload-Offset: "
                            + offset
                            + "\r\nContent-Length: "
                            + (data.length - from)
                            + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(data, from, to - from);
            out.flush();
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
