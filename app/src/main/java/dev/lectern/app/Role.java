package dev.lectern.app;

/** What a process does: serve the HTTP API, run background jobs, or both. */
enum Role {
    API,
    WORKER;

    /** The command that runs these roles, as operators know it. */
    static String command(java.util.Set<Role> roles) {
        if (roles.contains(API)) {
            return roles.contains(WORKER) ? "serve" : "api";
        }
        return "worker";
    }
}
