package dev.lectern.ingest.webhook;

import dev.lectern.infra.http.ProblemCode;

/** Stable codes of the recording webhooks. */
public enum WebhookProblem implements ProblemCode {
    UNKNOWN_PROVIDER(404, "There is no such webhook provider, or it is not enabled."),
    BAD_SIGNATURE(401, "The webhook's signature is missing or does not match."),
    STALE_TIMESTAMP(401, "The webhook's timestamp is too far from now; it may be a replay."),
    INVALID_WEBHOOK(400, "The webhook's body is not what this provider sends.");

    private final int status;
    private final String title;

    WebhookProblem(int status, String title) {
        this.status = status;
        this.title = title;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
