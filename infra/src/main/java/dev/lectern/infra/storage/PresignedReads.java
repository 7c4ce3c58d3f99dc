package dev.lectern.infra.storage;

import dev.lectern.infra.storage.ObjectStore.ObjectInfo;
import dev.lectern.infra.storage.ObjectStore.StoredObject;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.ClientSSLOptions;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Object reads over Vert.x's own HTTP client with a presigned URL, instead of through the SDK.
 * Reads are what students' players cause (every segment of every lecture), and here the bytes
 * flow from S3's connection to the caller on the caller's event loop: no hand-over between the
 * SDK's threads and Vert.x's for every chunk, no copy of every chunk, and no SDK request
 * pipeline per segment. Signing stays the SDK's (a presigned URL is the same SigV4 as a header).
 */
final class PresignedReads implements AutoCloseable {
    /** Long enough for a slow start; the URL never leaves the process. */
    private static final Duration URL_LIFETIME = Duration.ofMinutes(5);

    /**
     * An https endpoint (AWS, R2, a school's MinIO) is checked against the JDK's trust store, and
     * its certificate must name the host.
     */
    private static final ClientSSLOptions TLS =
            new ClientSSLOptions().setHostnameVerificationAlgorithm("HTTPS");

    private final Vertx vertx;
    private final HttpClientAgent client;
    private final BiFunction<String, Duration, URI> presign;

    PresignedReads(Vertx vertx, BiFunction<String, Duration, URI> presign) {
        HttpClientOptions options =
                new HttpClientOptions()
                        .setKeepAlive(true)
                        .setConnectTimeout(5_000)
                        // A body nobody reads (a consumer that failed first) frees its
                        // connection after this long.
                        .setIdleTimeout(60)
                        .setMetricsName("s3-reads");
        this.vertx = vertx;
        this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(128));
        this.presign = presign;
    }

    /** The object (or the range of it), empty when there is no such key. */
    Future<Optional<StoredObject>> get(String key, ByteRange range) {
        URI url = presign.apply(key, URL_LIFETIME);
        RequestOptions request =
                new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url.toString());
        if ("https".equals(url.getScheme())) {
            request.setSslOptions(TLS);
        }
        if (!range.isAll()) {
            request.putHeader("Range", range.toHeader());
        }
        if (Vertx.currentContext() != null) {
            return fetch(key, range, request);
        }
        // Off Vert.x (a test, a CLI) the response must still reach answer() on the context its
        // body's events come on, before they do: a small body may otherwise have ended already.
        Promise<Optional<StoredObject>> result = Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> fetch(key, range, request).onComplete(result));
        return result.future();
    }

    private Future<Optional<StoredObject>> fetch(
            String key, ByteRange range, RequestOptions request) {
        return client.request(request)
                .compose(r -> r.send())
                .compose(response -> answer(key, range, response));
    }

    private static Future<Optional<StoredObject>> answer(
            String key, ByteRange range, HttpClientResponse response) {
        int status = response.statusCode();
        if (status == 200 || status == 206) {
            ResponseBody body = new ResponseBody(response);
            long total = totalSize(response);
            ObjectInfo info =
                    new ObjectInfo(
                            key,
                            total,
                            response.getHeader("ETag"),
                            response.getHeader("Content-Type"));
            return Future.succeededFuture(
                    Optional.of(new StoredObject(info, range.resolve(total), body)));
        }
        return response.body()
                .compose(
                        body ->
                                status == 404
                                        ? Future.succeededFuture(Optional.empty())
                                        : Future.failedFuture(
                                                new StorageReadException(
                                                        key, status, body.toString())));
    }

    private static long totalSize(HttpClientResponse response) {
        String contentRange = response.getHeader("Content-Range");
        if (contentRange != null && contentRange.contains("/")) {
            return Long.parseLong(contentRange.substring(contentRange.indexOf('/') + 1).trim());
        }
        return Long.parseLong(response.getHeader("Content-Length"));
    }

    @Override
    public void close() {
        client.close();
    }
}
