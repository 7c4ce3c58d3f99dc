package dev.lectern.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.Gauge;

/** Checks, through a process's metrics, that every block of its part memory came back. */
public final class PartMemoryCheck {
    private PartMemoryCheck() {}

    /**
     * Waits (up to 10 s) until no block of part memory is lent out, and returns how much is kept
     * idle: a block kept by a forgotten part would be in use for ever.
     */
    public static double awaitReturned(Lectern lectern) throws InterruptedException {
        var registry = lectern.infrastructure().metrics;
        Gauge inUse = registry.get("lectern.part.memory").tag("state", "in_use").gauge();
        for (int i = 0; i < 100 && inUse.value() > 0; i++) {
            Thread.sleep(100);
        }
        assertEquals(0.0, inUse.value(), "part memory still lent out");
        return registry.get("lectern.part.memory").tag("state", "idle").gauge().value();
    }
}
