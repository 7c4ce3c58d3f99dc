package dev.lectern.ingest.importer;

import dev.lectern.infra.http.ProblemCode;

/**
 * Why an import attempt stopped. {@code retryable} failures (a dropped connection that could not
 * be resumed, a 5xx answer) are worth another attempt of the job; the rest (a refused address, a
 * 404, a file over the limit) end the import at once.
 */
public final class ImportFailure extends RuntimeException {
    private final ProblemCode code;
    private final boolean retryable;

    public ImportFailure(ProblemCode code, String message, boolean retryable) {
        super(message);
        this.code = code;
        this.retryable = retryable;
    }

    public static ImportFailure refused(String message) {
        return new ImportFailure(ImportProblem.URL_NOT_ALLOWED, message, false);
    }

    public ProblemCode code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }
}
