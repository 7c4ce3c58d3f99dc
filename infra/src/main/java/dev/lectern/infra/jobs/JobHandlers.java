package dev.lectern.infra.jobs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The handlers a worker runs, by job kind. A worker only claims the kinds registered here. */
public final class JobHandlers {
    private final Map<String, JobHandler> byKind = new LinkedHashMap<>();

    public JobHandlers register(String kind, JobHandler handler) {
        // Validates the kind the same way an enqueue does.
        NewJob.of(kind, null);
        Objects.requireNonNull(handler, "handler");
        if (byKind.putIfAbsent(kind, handler) != null) {
            throw new IllegalStateException("a handler for job kind '" + kind + "' exists");
        }
        return this;
    }

    public JobHandler get(String kind) {
        JobHandler handler = byKind.get(kind);
        if (handler == null) {
            throw new IllegalStateException("no handler for job kind '" + kind + "'");
        }
        return handler;
    }

    public Set<String> kinds() {
        return Collections.unmodifiableSet(byKind.keySet());
    }

    String[] kindArray() {
        return byKind.keySet().toArray(String[]::new);
    }
}
