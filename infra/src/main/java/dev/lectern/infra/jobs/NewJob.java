package dev.lectern.infra.jobs;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A job to enqueue. The kind selects the handler; the payload is whatever that handler needs.
 *
 * @param lectureId the lecture the job works for, or null; at most one live job per lecture and
 *     kind exists, so enqueuing again while one is live returns the existing job
 * @param priority lower runs first (100 is the default)
 * @param maxAttempts attempts before giving up, or null for the worker default
 * @param delay how long to wait before the job may run
 */
public record NewJob(
        String kind,
        UUID lectureId,
        JsonObject payload,
        int priority,
        Integer maxAttempts,
        Duration delay) {
    public static final int DEFAULT_PRIORITY = 100;
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_.]*");

    public NewJob {
        Objects.requireNonNull(kind, "kind");
        if (!KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException(
                    "job kind must match [a-z][a-z0-9_.]*, got '" + kind + "'");
        }
        payload = payload == null ? new JsonObject() : payload;
        delay = delay == null || delay.isNegative() ? Duration.ZERO : delay;
        if (maxAttempts != null && maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    public static NewJob of(String kind, JsonObject payload) {
        return new NewJob(kind, null, payload, DEFAULT_PRIORITY, null, Duration.ZERO);
    }

    public NewJob forLecture(UUID lecture) {
        return new NewJob(kind, lecture, payload, priority, maxAttempts, delay);
    }

    public NewJob withPriority(int newPriority) {
        return new NewJob(kind, lectureId, payload, newPriority, maxAttempts, delay);
    }

    public NewJob withMaxAttempts(int attempts) {
        return new NewJob(kind, lectureId, payload, priority, attempts, delay);
    }

    public NewJob delayedBy(Duration wait) {
        return new NewJob(kind, lectureId, payload, priority, maxAttempts, wait);
    }
}
