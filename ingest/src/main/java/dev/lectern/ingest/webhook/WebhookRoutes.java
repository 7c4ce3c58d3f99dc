package dev.lectern.ingest.webhook;

import dev.lectern.catalog.lifecycle.RecordingLectures;
import dev.lectern.infra.http.ApiException;
import dev.lectern.ingest.ImportConfig;
import dev.lectern.ingest.importer.ImportJobs;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/webhooks/{provider}}: webinar systems announce finished recordings. There is
 * no bearer token; each provider's signature over the exact body bytes is the authentication, so
 * these routes sit on the root router with a body handler of their own that keeps the bytes as
 * they came. A verified recording becomes a lecture and an import job, once per recording id.
 */
public final class WebhookRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookRoutes.class);
    static final int BODY_LIMIT = 1024 * 1024;

    private final Map<String, RecordingProvider> providers;
    private final RecordingLectures lectures;

    WebhookRoutes(Map<String, RecordingProvider> providers, RecordingLectures lectures) {
        this.providers = providers;
        this.lectures = lectures;
    }

    /** The providers whose secret is configured; the others answer 404. */
    public static WebhookRoutes create(ImportConfig config, RecordingLectures lectures) {
        Map<String, RecordingProvider> enabled = new LinkedHashMap<>();
        if (!config.genericSecret().isEmpty()) {
            add(enabled, new GenericProvider(config.genericSecret(), config.webhookTolerance()));
        }
        if (!config.zoomSecret().isEmpty()) {
            add(
                    enabled,
                    new ZoomProvider(
                            config.zoomSecret(), config.webhookTolerance(), config.zoomCourses()));
        }
        if (!config.bbbSecret().isEmpty() && config.bbbUrl() != null) {
            add(
                    enabled,
                    new BigBlueButtonProvider(
                            config.bbbSecret(),
                            config.webhookTolerance(),
                            config.bbbCourses(),
                            config.bbbUrl(),
                            config.bbbMediaPath()));
        }
        return new WebhookRoutes(Map.copyOf(enabled), lectures);
    }

    private static void add(Map<String, RecordingProvider> map, RecordingProvider provider) {
        map.put(provider.name(), provider);
    }

    /** Mounts on the root router, before the authenticated {@code /api/v1} sub-router. */
    public void mount(Router root) {
        root.post("/api/v1/webhooks/:provider")
                .handler(BodyHandler.create().setBodyLimit(BODY_LIMIT).setHandleFileUploads(false))
                .handler(this::receive);
    }

    private void receive(RoutingContext ctx) {
        String name = ctx.pathParam("provider");
        RecordingProvider provider = providers.get(name);
        if (provider == null) {
            ctx.fail(
                    new ApiException(
                            WebhookProblem.UNKNOWN_PROVIDER,
                            "No enabled webhook provider '" + name + "'."));
            return;
        }
        Delivery delivery =
                new Delivery(ctx.request().headers(), ctx.body().buffer(), Instant.now());
        if (delivery.body() == null) {
            ctx.fail(new ApiException(WebhookProblem.INVALID_WEBHOOK, "The body is empty."));
            return;
        }
        Future<JsonObject> answer;
        try {
            answer = respond(provider.accept(delivery));
        } catch (RuntimeException e) {
            ctx.fail(e);
            return;
        }
        answer.onSuccess(
                        body ->
                                ctx.response()
                                        .setStatusCode(
                                                body.getBoolean("created", false) ? 201 : 200)
                                        .putHeader("Content-Type", "application/json")
                                        .end(body.encode()))
                .onFailure(ctx::fail);
    }

    private Future<JsonObject> respond(WebhookOutcome outcome) {
        return switch (outcome) {
            case WebhookOutcome.Reply reply -> Future.succeededFuture(reply.body());
            case WebhookOutcome.Import imported ->
                    lectures.createOrFind(
                                    imported.recording(),
                                    ImportJobs.job(
                                            imported.downloadUrl(),
                                            imported.authorization(),
                                            imported.captions()))
                            .map(
                                    claimed -> {
                                        if (claimed.created()) {
                                            LOG.info(
                                                    "{} recording {} became lecture {}",
                                                    imported.recording().provider(),
                                                    imported.recording().externalId(),
                                                    claimed.lectureId());
                                        }
                                        return new JsonObject()
                                                .put("lectureId", claimed.lectureId().toString())
                                                .put("created", claimed.created());
                                    });
        };
    }
}
