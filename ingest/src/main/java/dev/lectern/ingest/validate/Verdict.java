package dev.lectern.ingest.validate;

import dev.lectern.ingest.IngestProblem;
import io.vertx.core.json.JsonObject;

/** What validation concluded: accepted with its probe facts, or rejected with a code. */
public sealed interface Verdict {
    record Accepted(JsonObject facts, double durationSeconds) implements Verdict {}

    record Rejected(IngestProblem code, String message) implements Verdict {}
}
