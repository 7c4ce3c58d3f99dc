package dev.lectern.infra.media;

import dev.lectern.infra.storage.ByteRange;
import dev.lectern.infra.storage.ObjectStore;
import dev.lectern.infra.storage.ObjectStore.ObjectInfo;
import dev.lectern.infra.storage.ObjectStore.StoredObject;
import io.vertx.core.AsyncResult;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * The answers of {@link ObjectOverLoopback}: {@code GET} and {@code HEAD} at one path, whole or one
 * byte range ({@code 200}, {@code 206}, {@code 416}), the body streamed from S3 with back-pressure
 * (a reader that stops reading pauses the S3 read). Anything else is {@code 404} or {@code 405}.
 */
final class ObjectRangeAnswers {
    private final ObjectStore store;
    private final ObjectInfo info;
    private final String path;
    private final LongAdder sent = new LongAdder();

    ObjectRangeAnswers(ObjectStore store, ObjectInfo info, String path) {
        this.store = store;
        this.info = info;
        this.path = path;
    }

    String path() {
        return path;
    }

    String key() {
        return info.key();
    }

    long bytesSent() {
        return sent.sum();
    }

    void answer(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        if (!MessageDigest.isEqual(bytes(request.path()), bytes(path))) {
            response.setStatusCode(404).end();
            return;
        }
        HttpMethod method = request.method();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            response.setStatusCode(405).putHeader(HttpHeaders.ALLOW, "GET, HEAD").end();
            return;
        }
        response.putHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        Optional<ByteRange> asked = ByteRange.parseHeader(request.getHeader("Range"));
        if (asked.isPresent() && !asked.get().satisfiable(info.size())) {
            response.setStatusCode(416)
                    .putHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + info.size())
                    .end();
            return;
        }
        ByteRange range = asked.orElse(ByteRange.ALL);
        if (method == HttpMethod.HEAD) {
            headers(response, range.resolve(info.size())).end();
            return;
        }
        // Started here, on the request's own context, so the S3 body's chunks arrive where the
        // response is written.
        store.get(info.key(), range).onComplete(read -> send(response, read));
    }

    private void send(HttpServerResponse response, AsyncResult<Optional<StoredObject>> read) {
        if (read.failed()) {
            // ffmpeg retries a 5xx; its retries are bounded (MediaTools.loopbackInputArgs).
            response.setStatusCode(503).end();
            return;
        }
        if (read.result().isEmpty()) {
            response.setStatusCode(404).end();
            return;
        }
        StoredObject object = read.result().get();
        headers(response, object.range());
        object.body()
                .pipe()
                .endOnFailure(false)
                .to(response)
                .onComplete(
                        piped -> {
                            sent.add(response.bytesWritten());
                            if (piped.failed()) {
                                // A body cut short must not look complete: dropping the
                                // connection makes the reader resume at its offset.
                                response.reset();
                            }
                        });
    }

    private static HttpServerResponse headers(
            HttpServerResponse response, ByteRange.Resolved range) {
        response.putHeader(HttpHeaders.CONTENT_TYPE, "application/octet-stream")
                .putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(Math.max(0, range.length())));
        if (range.partial()) {
            response.setStatusCode(206).putHeader(HttpHeaders.CONTENT_RANGE, range.contentRange());
        }
        return response;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
