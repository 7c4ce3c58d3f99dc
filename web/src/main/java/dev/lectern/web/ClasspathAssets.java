package dev.lectern.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Serves files from one classpath folder out of memory with a strong ETag (a hash of the content).
 * Vert.x's StaticHandler validates files inside a jar by the time they were extracted, which
 * differs between API hosts behind a load balancer, so revalidation would miss; a content hash is
 * the same on every host. Responses go through the server's normal, gzip-compressible write path.
 */
final class ClasspathAssets {
    /** Plain relative names only: no "..", no encoded characters, no hidden files. */
    private static final Pattern SAFE_NAME =
            Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");

    private static final Map<String, String> TYPES =
            Map.of(
                    "html", "text/html; charset=utf-8",
                    "css", "text/css; charset=utf-8",
                    "js", "text/javascript; charset=utf-8",
                    "svg", "image/svg+xml",
                    "png", "image/png",
                    "json", "application/json");

    private record Asset(Buffer bytes, String type, String etag) {}

    private final String folder;
    private final String cacheControl;
    private final Map<String, Optional<Asset>> loaded = new ConcurrentHashMap<>();

    ClasspathAssets(String folder, String cacheControl) {
        this.folder = folder;
        this.cacheControl = cacheControl;
    }

    /** Serves {@code name} (relative to the folder) or passes on to the next route (404). */
    void serve(RoutingContext ctx, String name) {
        HttpMethod method = ctx.request().method();
        if (!(method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD))
                || !SAFE_NAME.matcher(name).matches()) {
            ctx.next();
            return;
        }
        Optional<Asset> found = loaded.computeIfAbsent(name, this::load);
        if (found.isEmpty()) {
            ctx.next();
            return;
        }
        Asset asset = found.get();
        var response = ctx.response();
        response.putHeader(HttpHeaders.CACHE_CONTROL, cacheControl)
                .putHeader(HttpHeaders.ETAG, asset.etag())
                .putHeader(HttpHeaders.VARY, "Accept-Encoding");
        if (asset.etag().equals(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
            response.setStatusCode(304).end();
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, asset.type());
        if (method.equals(HttpMethod.HEAD)) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(asset.bytes().length()))
                    .end();
        } else {
            response.end(asset.bytes());
        }
    }

    private Optional<Asset> load(String name) {
        String resource = folder + "/" + name;
        try (InputStream in =
                ClasspathAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            String extension = name.substring(name.lastIndexOf('.') + 1);
            String type = TYPES.getOrDefault(extension, "application/octet-stream");
            return Optional.of(new Asset(Buffer.buffer(bytes), type, etag(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
