package dev.lectern.ingest.webhook;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** One webhook request as received: its headers, its exact body bytes, and when it arrived. */
record Delivery(MultiMap headers, Buffer body, Instant receivedAt) {
    byte[] bytes() {
        return body.getBytes();
    }

    /** The body as a JSON object; an {@code INVALID_WEBHOOK} problem when it is not one. */
    JsonObject json() {
        try {
            JsonObject json = body.toJsonObject();
            if (json == null) {
                throw new IllegalArgumentException("empty");
            }
            return json;
        } catch (RuntimeException e) {
            throw WebhookOutcome.invalid("The body is not a JSON object.");
        }
    }
}
