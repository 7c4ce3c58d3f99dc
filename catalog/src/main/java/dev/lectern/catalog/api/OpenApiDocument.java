package dev.lectern.catalog.api;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the OpenAPI 3.1 description of the API, {@code openapi.json} on the class path. */
public final class OpenApiDocument {
    public static final String RESOURCE = "/openapi.json";

    private OpenApiDocument() {}

    public static Buffer load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Handler<RoutingContext> handler() {
        Buffer document = load();
        return ctx ->
                ctx.response()
                        .putHeader("Content-Type", "application/json")
                        .putHeader("Cache-Control", "public, max-age=300")
                        .end(document);
    }
}
