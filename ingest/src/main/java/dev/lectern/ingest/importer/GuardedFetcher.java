package dev.lectern.ingest.importer;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.Inet6Address;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * GET over HTTP(S) through the {@link UrlGuard}: the connection goes to the address the guard
 * vetted (the URL's host is still sent as Host and as TLS server name), and redirects are followed
 * here, at most {@link #MAX_REDIRECTS}, each target vetted again. Credentials given for the first
 * host are never sent to another one.
 */
public final class GuardedFetcher {
    static final int MAX_REDIRECTS = 5;

    private final Vertx vertx;
    private final HttpClient client;
    private final UrlGuard guard;
    private final Duration connectTimeout;
    private final Duration idleTimeout;

    public GuardedFetcher(
            Vertx vertx,
            HttpClient client,
            UrlGuard guard,
            Duration connectTimeout,
            Duration idleTimeout) {
        this.vertx = vertx;
        this.client = client;
        this.guard = guard;
        this.connectTimeout = connectTimeout;
        this.idleTimeout = idleTimeout;
    }

    /**
     * The options of the client to give a fetcher. No decompression: the bytes stored must be the
     * file's bytes, and Range offsets count those. TLS is verified against the JVM's trusted
     * authorities and the URL's host name (Vert.x's defaults, kept on purpose).
     */
    public static HttpClientOptions clientOptions(Duration connectTimeout, Duration idleTimeout) {
        return new HttpClientOptions()
                .setDecompressionSupported(false)
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setIdleTimeout((int) idleTimeout.toSeconds())
                .setMetricsName("url-imports");
    }

    /**
     * Sends a GET and answers with the first non-redirect response whose status is 2xx; its body
     * has not been read yet. {@code headers} go to every hop; {@code authorization}, when not
     * null, only to hops on the original URL's scheme, host and port.
     */
    public Future<HttpClientResponse> get(URI url, MultiMap headers, String authorization) {
        return hop(url, url, headers, authorization, 0);
    }

    private Future<HttpClientResponse> hop(
            URI origin, URI url, MultiMap headers, String authorization, int redirects) {
        return vertx.executeBlocking(() -> guard.vet(url), false)
                .compose(
                        vetted ->
                                send(
                                        vetted,
                                        headers,
                                        sameOrigin(origin, url) ? authorization : null))
                .compose(
                        response -> {
                            int status = response.statusCode();
                            if (isRedirect(status)) {
                                String location = response.getHeader(HttpHeaders.LOCATION);
                                discard(response);
                                if (location == null) {
                                    return Future.failedFuture(
                                            failure(status, url, "a redirect without Location"));
                                }
                                if (redirects >= MAX_REDIRECTS) {
                                    return Future.failedFuture(
                                            new ImportFailure(
                                                    ImportProblem.IMPORT_FAILED,
                                                    "More than "
                                                            + MAX_REDIRECTS
                                                            + " redirects, starting at "
                                                            + origin
                                                            + ".",
                                                    false));
                                }
                                URI next;
                                try {
                                    next = url.resolve(location);
                                } catch (IllegalArgumentException e) {
                                    return Future.failedFuture(
                                            failure(status, url, "a redirect to an invalid URL"));
                                }
                                return hop(origin, next, headers, authorization, redirects + 1);
                            }
                            if (status / 100 != 2) {
                                discard(response);
                                return Future.failedFuture(failure(status, url, null));
                            }
                            return Future.succeededFuture(response);
                        });
    }

    private Future<HttpClientResponse> send(
            UrlGuard.Vetted vetted, MultiMap headers, String authorization) {
        String hostHeader =
                vetted.address() instanceof Inet6Address && vetted.host().contains(":")
                        ? "[" + vetted.host() + "]"
                        : vetted.host();
        RequestOptions options =
                new RequestOptions()
                        .setMethod(HttpMethod.GET)
                        .setServer(
                                SocketAddress.inetSocketAddress(
                                        vetted.port(), vetted.address().getHostAddress()))
                        .setHost(hostHeader)
                        .setPort(vetted.port())
                        .setSsl(vetted.tls())
                        .setURI(pathAndQuery(vetted.uri()))
                        .setFollowRedirects(false)
                        .setConnectTimeout(connectTimeout.toMillis())
                        .setIdleTimeout(idleTimeout.toMillis());
        options.setHeaders(MultiMap.caseInsensitiveMultiMap().addAll(headers));
        if (authorization != null) {
            options.putHeader(HttpHeaders.AUTHORIZATION, authorization);
        }
        return client.request(options).compose(request -> request.send());
    }

    static String pathAndQuery(URI uri) {
        String path =
                uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    private static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(lower(a.getScheme()), lower(b.getScheme()))
                && Objects.equals(lower(a.getHost()), lower(b.getHost()))
                && a.getPort() == b.getPort();
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** The body is of no use: drop the connection rather than read an unbounded body. */
    static void discard(HttpClientResponse response) {
        // The reset surfaces as an exception on the response; it is the expected outcome here.
        response.exceptionHandler(ignored -> {});
        response.request().reset();
    }

    private static ImportFailure failure(int status, URI url, String what) {
        boolean retryable = status >= 500 || status == 429 || status == 408;
        String message =
                (what == null ? "The server answered " + status : "The server sent " + what)
                        + " for "
                        + url.getScheme()
                        + "://"
                        + url.getHost()
                        + (url.getPort() == -1 ? "" : ":" + url.getPort())
                        + url.getRawPath()
                        + ".";
        return new ImportFailure(ImportProblem.IMPORT_FAILED, message, retryable);
    }
}
