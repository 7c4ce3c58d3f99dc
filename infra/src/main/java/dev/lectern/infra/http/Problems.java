package dev.lectern.infra.http;

import io.netty.handler.codec.TooLongFrameException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.pgclient.PgException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one failure handler: every error leaves the API as {@code application/problem+json} (RFC
 * 9457) with a stable {@code code}. Unexpected exceptions are logged with a reference the user can
 * quote, and never leak their message.
 */
public final class Problems {
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    /** PostgreSQL's "character not in repertoire", which a NUL character in text raises. */
    private static final String NOT_STORABLE_TEXT = "22021";

    /** How long a client should wait before trying again after a 503. */
    private static final String RETRY_AFTER_SECONDS = "5";

    private Problems() {}

    private static String firstLine(Throwable failure) {
        String message = failure.getMessage();
        String text =
                failure.getClass().getSimpleName()
                        + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
        return text;
    }

    public static void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (ctx.response().ended() || ctx.response().closed()) {
            // Answered already (a missed deadline) or the client left (a player seeking away
            // mid-segment): nobody is there to read a problem.
            LOG.debug(
                    "{} {} ended after its answer or its client: {}",
                    ctx.request().method(),
                    ctx.request().path(),
                    String.valueOf(failure));
            return;
        }
        if (failure instanceof ApiException api) {
            send(ctx, api.code(), api.getMessage(), api.extensions());
        } else if (failure instanceof DecodeException) {
            send(
                    ctx,
                    CommonProblem.BAD_REQUEST,
                    "The request body is not valid JSON.",
                    new JsonObject());
        } else if (failure instanceof PgException pg
                && NOT_STORABLE_TEXT.equals(pg.getSqlState())) {
            // The last guard: a field no check named. PostgreSQL text cannot hold U+0000.
            send(
                    ctx,
                    CommonProblem.BAD_REQUEST,
                    "The request holds text that cannot be stored: an invisible NUL character"
                            + " (U+0000). Remove it and send again.",
                    new JsonObject());
        } else if (failure instanceof HttpException http) {
            send(ctx, forStatus(http.getStatusCode()), http.getPayload(), new JsonObject());
        } else if (Outages.isOutage(failure)) {
            LOG.warn(
                    "{} {} answered 503: PostgreSQL or S3 is unreachable ({})",
                    ctx.request().method(),
                    ctx.request().path(),
                    firstLine(failure));
            send(
                    ctx,
                    CommonProblem.UNAVAILABLE,
                    "Lectern's database or storage is not answering; try again in a few seconds.",
                    new JsonObject());
        } else if (failure == null) {
            send(ctx, forStatus(ctx.statusCode()), null, new JsonObject());
        } else {
            String reference = Long.toHexString(System.nanoTime());
            LOG.error(
                    "unexpected error on {} {} (ref {})",
                    ctx.request().method(),
                    ctx.request().path(),
                    reference,
                    failure);
            send(
                    ctx,
                    CommonProblem.INTERNAL,
                    "Quote reference " + reference + " when reporting this.",
                    new JsonObject());
        }
    }

    public static void send(
            RoutingContext ctx, ProblemCode code, String detail, JsonObject extensions) {
        HttpServerResponse response = ctx.response();
        if (response.ended()) {
            return;
        }
        if (response.headWritten()) {
            ctx.request().connection().close();
            return;
        }
        write(response, code, detail, extensions);
    }

    /**
     * The HTTP server's answer to a request it could not even parse (an address or headers too
     * long, a broken request line): the same problem body as every other error, where Vert.x's
     * default answers with an empty one. The server closes the connection after it.
     */
    public static void handleInvalid(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        String message = cause == null || cause.getMessage() == null ? "" : cause.getMessage();
        ProblemCode code = CommonProblem.BAD_REQUEST;
        if (cause instanceof TooLongFrameException && message.startsWith("An HTTP line")) {
            code = CommonProblem.URI_TOO_LONG;
        } else if (cause instanceof TooLongFrameException) {
            code = CommonProblem.HEADERS_TOO_LARGE;
        }
        write(request.response(), code, null, new JsonObject());
    }

    private static void write(
            HttpServerResponse response, ProblemCode code, String detail, JsonObject extensions) {
        JsonObject body =
                new JsonObject()
                        .put(
                                "type",
                                "https://lectern.dev/problems/"
                                        + code.name().toLowerCase().replace('_', '-'))
                        .put("title", code.title())
                        .put("status", code.status())
                        .put("code", code.name());
        if (detail != null && !detail.isBlank()) {
            body.put("detail", detail);
        }
        body.mergeIn(extensions);
        if (code.status() == 503) {
            response.putHeader("Retry-After", RETRY_AFTER_SECONDS);
        }
        response.setStatusCode(code.status())
                .putHeader("Content-Type", "application/problem+json")
                .putHeader("Cache-Control", "no-store")
                .end(body.encode());
    }

    static ProblemCode forStatus(int status) {
        for (CommonProblem problem : CommonProblem.values()) {
            if (problem.status() == status) {
                return problem;
            }
        }
        return status >= 500 ? CommonProblem.INTERNAL : CommonProblem.BAD_REQUEST;
    }
}
