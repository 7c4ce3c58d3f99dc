package dev.lectern.infra.http;

import io.vertx.core.json.JsonObject;

/** A failure the client caused or must know about, answered as an RFC 9457 problem. */
public class ApiException extends RuntimeException {
    private final ProblemCode code;
    private final JsonObject extensions;

    public ApiException(ProblemCode code, String detail) {
        this(code, detail, new JsonObject());
    }

    /** {@code extensions} adds members to the problem body, e.g. {@code line} for a bad caption file. */
    public ApiException(ProblemCode code, String detail, JsonObject extensions) {
        super(detail, null, false, false);
        this.code = code;
        this.extensions = extensions;
    }

    public ProblemCode code() {
        return code;
    }

    public JsonObject extensions() {
        return extensions;
    }

    public static ApiException notFound(String what) {
        return new ApiException(CommonProblem.NOT_FOUND, what + " was not found.");
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(CommonProblem.BAD_REQUEST, detail);
    }
}
