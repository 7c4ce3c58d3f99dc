package dev.lectern.app;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback reverse proxy in front of a Lectern that loses the answer to one PATCH: the request
 * reaches the service (its bytes are stored) but the client's connection is closed instead of
 * answered, as when a network drops mid-upload.
 */
final class FlakyProxy implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx();
    private final HttpClient client = vertx.createHttpClient();
    private final HttpServer server;
    private final int target;
    private final int lostPatch;
    private final AtomicInteger patches = new AtomicInteger();
    final List<String> methods = new CopyOnWriteArrayList<>();

    /** @param lostPatch which PATCH (1-based) loses its answer */
    FlakyProxy(int target, int lostPatch) {
        this.target = target;
        this.lostPatch = lostPatch;
        this.server =
                vertx.createHttpServer()
                        .requestHandler(this::forward)
                        .listen(0, "127.0.0.1")
                        .await();
    }

    String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    private void forward(HttpServerRequest request) {
        methods.add(request.method().name());
        boolean lose =
                request.method() == HttpMethod.PATCH && patches.incrementAndGet() == lostPatch;
        request.pause();
        RequestOptions options =
                new RequestOptions()
                        .setMethod(request.method())
                        .setHost("127.0.0.1")
                        .setPort(target)
                        .setURI(request.uri());
        options.setHeaders(
                io.vertx.core.MultiMap.caseInsensitiveMultiMap().addAll(request.headers()));
        client.request(options)
                .compose(upstream -> upstream.send(request))
                .compose(
                        response ->
                                response.body()
                                        .map(
                                                body -> {
                                                    if (lose) {
                                                        request.connection().close();
                                                        return null;
                                                    }
                                                    var out =
                                                            request.response()
                                                                    .setStatusCode(
                                                                            response.statusCode());
                                                    out.headers()
                                                            .addAll(endToEnd(response.headers()));
                                                    out.end(body);
                                                    return null;
                                                }))
                .onFailure(e -> request.response().setStatusCode(502).end());
    }

    /** The headers without the hop-by-hop ones a proxy must not forward. */
    private static io.vertx.core.MultiMap endToEnd(io.vertx.core.MultiMap headers) {
        io.vertx.core.MultiMap copy =
                io.vertx.core.MultiMap.caseInsensitiveMultiMap().addAll(headers);
        for (String hop :
                List.of(
                        "Connection",
                        "Keep-Alive",
                        "Upgrade",
                        "HTTP2-Settings",
                        "Transfer-Encoding",
                        "Proxy-Connection")) {
            copy.remove(hop);
        }
        return copy;
    }

    @Override
    public void close() {
        vertx.close().await();
    }
}
