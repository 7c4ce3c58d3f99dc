package dev.lectern.catalog.api;

import dev.lectern.infra.http.ApiException;
import dev.lectern.infra.http.CommonProblem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/** Writes JSON responses; reads carry an ETag and answer a matching If-None-Match with 304. */
public final class Responses {
    private Responses() {}

    /**
     * Sends {@code body} with a strong ETag over its exact bytes. The answer depends on who asks
     * (students see fewer lectures), so caches must keep it private and revalidate.
     */
    public static void read(RoutingContext ctx, Object body) {
        String encoded =
                body instanceof JsonObject o
                        ? o.encode()
                        : body instanceof JsonArray a ? a.encode() : String.valueOf(body);
        Buffer bytes = Buffer.buffer(encoded.getBytes(StandardCharsets.UTF_8));
        String etag = etag(bytes.getBytes());
        var response = ctx.response();
        response.putHeader(HttpHeaders.ETAG, etag)
                .putHeader(HttpHeaders.CACHE_CONTROL, "private, no-cache")
                .putHeader(HttpHeaders.VARY, "Authorization");
        if (matches(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH), etag)) {
            response.setStatusCode(304).end();
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(bytes);
    }

    /** A read answering {@code {"items": [...]}}, one JSON object per element. */
    public static <T> void items(
            RoutingContext ctx, List<T> elements, Function<? super T, JsonObject> toJson) {
        JsonArray items = new JsonArray();
        elements.forEach(element -> items.add(toJson.apply(element)));
        read(ctx, new JsonObject().put("items", items));
    }

    public static void created(RoutingContext ctx, String location, JsonObject body) {
        ctx.response()
                .setStatusCode(201)
                .putHeader(HttpHeaders.LOCATION, location)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(body.encode());
    }

    /** The strong ETag a read of {@code body} carries. */
    public static String etag(JsonObject body) {
        return etag(body.encode().getBytes(StandardCharsets.UTF_8));
    }

    private static String etag(byte[] bytes) {
        return "\"" + digest(bytes) + "\"";
    }

    /**
     * Optimistic concurrency for writes: when the request has {@code If-Match}, the resource as
     * the caller last read it must still be the current one, so two teachers editing the same
     * lecture cannot silently overwrite each other.
     */
    public static void requireMatch(RoutingContext ctx, JsonObject current) {
        String ifMatch = ctx.request().getHeader(HttpHeaders.IF_MATCH);
        if (ifMatch != null && !strongMatch(ifMatch, etag(current))) {
            throw new ApiException(
                    CommonProblem.PRECONDITION_FAILED,
                    "Someone changed this since you loaded it; reload and apply your change again.");
        }
    }

    /** An updated resource with the ETag the next conditional write must present. */
    public static void written(RoutingContext ctx, JsonObject body) {
        ctx.response().putHeader(HttpHeaders.ETAG, etag(body));
        json(ctx, 200, body);
    }

    static boolean strongMatch(String ifMatch, String etag) {
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    public static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(body.encode());
    }

    public static void noContent(RoutingContext ctx) {
        ctx.response().setStatusCode(204).end();
    }

    public static String time(OffsetDateTime value) {
        return value == null ? null : value.toInstant().toString();
    }

    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static String digest(byte[] bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 27);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
