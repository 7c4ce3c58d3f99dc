package dev.lectern.infra.http;

/**
 * A stable error code clients can switch on, with its HTTP status and a plain-words title. Each
 * feature module declares its own enum of codes; the failure handler only needs this interface.
 */
public interface ProblemCode {
    /** The code as clients see it, e.g. {@code OFFSET_MISMATCH}. */
    String name();

    int status();

    /** A short sentence a teacher or student can read. */
    String title();
}
