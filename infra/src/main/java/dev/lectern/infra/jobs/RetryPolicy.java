package dev.lectern.infra.jobs;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: the base delay after the first failed attempt, doubling after
 * each further one, capped, then spread by ±20% so jobs that failed together (a storage outage) do
 * not all retry in the same second.
 */
public record RetryPolicy(Duration baseDelay, Duration maxDelay) {
    static final double JITTER = 0.2;

    public static RetryPolicy withBase(Duration baseDelay) {
        Duration cap = Duration.ofHours(1);
        return new RetryPolicy(baseDelay, baseDelay.compareTo(cap) > 0 ? baseDelay : cap);
    }

    /** The delay before the next attempt, after {@code failedAttempts} attempts failed (≥ 1). */
    public Duration delayAfter(int failedAttempts) {
        return jittered(
                nominalDelayAfter(failedAttempts), ThreadLocalRandom.current().nextDouble());
    }

    Duration nominalDelayAfter(int failedAttempts) {
        int doublings = Math.max(0, Math.min(failedAttempts - 1, 30));
        long millis = baseDelay.toMillis();
        for (int i = 0; i < doublings && millis < maxDelay.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
    }

    /** {@code random} in [0, 1) maps to a factor in [1 - JITTER, 1 + JITTER). */
    static Duration jittered(Duration nominal, double random) {
        double factor = 1 - JITTER + 2 * JITTER * random;
        return Duration.ofMillis(Math.round(nominal.toMillis() * factor));
    }
}
