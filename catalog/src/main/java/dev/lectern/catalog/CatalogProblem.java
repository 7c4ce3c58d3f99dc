package dev.lectern.catalog;

import dev.lectern.infra.http.ProblemCode;

/** Error codes of the catalog and of lecture state changes. */
public enum CatalogProblem implements ProblemCode {
    COURSE_NOT_FOUND(404, "This course does not exist, or you are not a member of it."),
    LECTURE_NOT_FOUND(404, "This lecture does not exist, or you do not have access to it."),
    TEACHERS_ONLY(403, "Only the course's teachers can do this."),
    LECTURE_STATE_CONFLICT(409, "The lecture is not in a state that allows this right now.");

    private final int status;
    private final String title;

    CatalogProblem(int status, String title) {
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
