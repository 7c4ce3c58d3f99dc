package dev.lectern.ingest.importer;

import dev.lectern.infra.http.ProblemCode;

/** Stable codes of URL imports. A size limit breach uses {@code IngestProblem.TOO_LARGE}. */
public enum ImportProblem implements ProblemCode {
    INVALID_IMPORT_URL(400, "The import URL is missing or not an absolute http(s) URL."),
    URL_NOT_ALLOWED(
            422,
            "The URL points at an address Lectern may not fetch from (internal, loopback,"
                    + " link-local or not http(s))."),
    LECTURE_NOT_AWAITING_UPLOAD(
            409, "Only a lecture that is awaiting its upload can import a recording."),
    IMPORT_FAILED(502, "Fetching the recording from its URL failed.");

    private final int status;
    private final String title;

    ImportProblem(int status, String title) {
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
