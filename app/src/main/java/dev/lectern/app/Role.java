package dev.lectern.app;

/** What a process does: serve the HTTP API, run background jobs, or both. */
enum Role {
    API,
    WORKER
}
