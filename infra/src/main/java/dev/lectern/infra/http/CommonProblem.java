package dev.lectern.infra.http;

/** Codes every part of the API can answer with. */
public enum CommonProblem implements ProblemCode {
    BAD_REQUEST(400, "The request is not valid."),
    UNAUTHENTICATED(401, "Sign in first: the request has no valid bearer token."),
    FORBIDDEN(403, "You are not allowed to do this."),
    NOT_FOUND(404, "There is nothing here, or you do not have access to it."),
    METHOD_NOT_ALLOWED(405, "This address does not support that method."),
    CONFLICT(409, "The request conflicts with the current state."),
    PRECONDITION_FAILED(412, "The resource changed since you read it."),
    PAYLOAD_TOO_LARGE(413, "The request body is too large."),
    URI_TOO_LONG(414, "The address is too long."),
    UNSUPPORTED_MEDIA_TYPE(415, "The request body has an unsupported content type."),
    HEADERS_TOO_LARGE(431, "The request's headers are too large."),
    UNAVAILABLE(503, "A service Lectern depends on is not available; try again shortly."),
    INTERNAL(500, "Something went wrong on our side; it has been logged.");

    private final int status;
    private final String title;

    CommonProblem(int status, String title) {
        this.status = status;
        this.title = title;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
