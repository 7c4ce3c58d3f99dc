package dev.lectern.ingest.webhook;

import dev.lectern.catalog.lifecycle.RecordingLectures.Recording;
import dev.lectern.infra.http.ApiException;
import dev.lectern.ingest.importer.CaptionSource;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.List;

/** What a provider made of a verified delivery. */
sealed interface WebhookOutcome {

    /** A recording to import; {@code authorization} goes only to the download URL's own host. */
    record Import(
            Recording recording,
            URI downloadUrl,
            String authorization,
            List<CaptionSource> captions)
            implements WebhookOutcome {}

    /** Nothing to import (a challenge, an event Lectern does not use): answer 200 with this. */
    record Reply(JsonObject body) implements WebhookOutcome {}

    static Reply ignored(String reason) {
        return new Reply(new JsonObject().put("ignored", true).put("reason", reason));
    }

    static ApiException invalid(String detail) {
        return new ApiException(WebhookProblem.INVALID_WEBHOOK, detail);
    }
}
