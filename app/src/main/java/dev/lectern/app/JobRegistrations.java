package dev.lectern.app;

import dev.lectern.infra.jobs.JobHandlers;

/**
 * Registers the job handlers a worker process runs, in its main lane (transcodes, imports) or its
 * background lane (automatic captions). Feature modules contribute theirs in {@link
 * Lectern#FEATURE_JOBS}; tests pass their own.
 */
@FunctionalInterface
public interface JobRegistrations {
    void register(Modules modules, JobHandlers main, JobHandlers background);
}
