package dev.lectern.catalog.media;

import dev.lectern.catalog.CatalogProblem;
import dev.lectern.infra.http.ApiException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** What every media answer shares: its type and caching from the path, and one 404. */
final class MediaAnswers {
    private MediaAnswers() {}

    static HttpServerResponse typed(RoutingContext ctx, String path) {
        return ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, MediaTypes.contentType(path))
                .putHeader(HttpHeaders.CACHE_CONTROL, MediaTypes.cacheControl(path));
    }

    static ApiException notFound() {
        return new ApiException(CatalogProblem.MEDIA_NOT_FOUND, "No such media file.");
    }
}
