package dev.lectern.transcode.worker;

import dev.lectern.infra.http.ProblemCode;

/** Why processing a lecture gave up, as stored on the lecture and shown to its teachers. */
public enum TranscodeProblem implements ProblemCode {
    TRANSCODE_FAILED(500, "Processing this recording failed.");

    private final int status;
    private final String title;

    TranscodeProblem(int status, String title) {
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
