package dev.lectern.app;

import dev.lectern.infra.jobs.JobHandlers;

/**
 * Registers the job handlers a worker process runs. Feature modules contribute theirs in {@link
 * Lectern#FEATURE_JOBS}; tests pass their own.
 */
@FunctionalInterface
public interface JobRegistrations {
    void register(Modules modules, JobHandlers handlers);
}
