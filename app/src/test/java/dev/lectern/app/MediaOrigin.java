package dev.lectern.app;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback web server that imports fetch from: it serves one file with ranges and an ETag,
 * drops the connection halfway through the first whole-file answer under {@code /drop/} (and
 * through any answer under {@code /stall/} while told to), answers configured redirects,
 * and counts every request so a test can prove that nothing was fetched.
 */
final class MediaOrigin implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final byte[] file;
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private final AtomicInteger drops = new AtomicInteger();
    private final AtomicInteger stalls = new AtomicInteger();

    /** Requests under /stall/: their Range header, or "whole". */
    final List<String> stallRequests = new CopyOnWriteArrayList<>();

    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> rangeHeaders = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    static final String ETAG = "\"v1\"";

    /** @param dropsFirst how many whole-file answers under /drop/ are cut off halfway */
    MediaOrigin(byte[] file, int dropsFirst) {
        this.file = file;
        this.drops.set(dropsFirst);
        this.server =
                vertx.createHttpServer()
                        .requestHandler(this::handle)
                        .listen(0, "127.0.0.1")
                        .await();
    }

    int port() {
        return server.actualPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    void redirect(String path, String location) {
        redirects.put(path, location);
    }

    private void handle(HttpServerRequest request) {
        requests.add(request.path());
        String auth = request.getHeader("Authorization");
        if (auth != null) {
            authorizations.add(auth);
        }
        String location = redirects.get(request.path());
        if (location != null) {
            request.response().setStatusCode(302).putHeader("Location", location).end();
            return;
        }
        if (!request.path().endsWith(".mp4")) {
            request.response().setStatusCode(404).end();
            return;
        }
        String range = request.getHeader("Range");
        String ifRange = request.getHeader("If-Range");
        if (range != null) {
            rangeHeaders.add(range);
        }
        if (request.path().contains("/stall/")) {
            stallRequests.add(range == null ? "whole" : range);
        }
        var response =
                request.response().putHeader("ETag", ETAG).putHeader("Accept-Ranges", "bytes");
        response.putHeader("Content-Type", "video/mp4");
        int start = 0;
        if (range != null
                && range.matches("bytes=\\d+-")
                && (ifRange == null || ifRange.equals(ETAG))) {
            start = Integer.parseInt(range.substring(6, range.length() - 1));
            response.setStatusCode(206)
                    .putHeader(
                            "Content-Range",
                            "bytes " + start + "-" + (file.length - 1) + "/" + file.length);
        }
        boolean cut =
                (request.path().contains("/drop/") && start == 0 && drops.getAndDecrement() > 0)
                        || (request.path().contains("/stall/") && stalls.getAndDecrement() > 0);
        if (cut) {
            // Announces the whole answer, sends half of it, then hangs up.
            response.putHeader("Content-Length", Integer.toString(file.length - start));
            response.write(Buffer.buffer(file).slice(start, start + (file.length - start) / 2))
                    .onComplete(v -> request.connection().close());
            return;
        }
        response.end(Buffer.buffer(file).slice(start, file.length));
    }

    /** Cuts off the next {@code answers} answers under /stall/, ranged or whole, halfway. */
    void stallNext(int answers) {
        stalls.set(answers);
    }

    @Override
    public void close() {
        vertx.close().await();
    }
}
