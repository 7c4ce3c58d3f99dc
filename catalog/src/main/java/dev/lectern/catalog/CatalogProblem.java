package dev.lectern.catalog;

import dev.lectern.infra.http.ProblemCode;

/** Error codes of the catalog and of lecture state changes. */
public enum CatalogProblem implements ProblemCode {
    COURSE_NOT_FOUND(404, "This course does not exist, or you are not a member of it."),
    LECTURE_NOT_FOUND(404, "This lecture does not exist, or you do not have access to it."),
    TEACHERS_ONLY(403, "Only the course's teachers can do this."),
    LECTURE_STATE_CONFLICT(409, "The lecture is not in a state that allows this right now."),
    ADMINS_ONLY(403, "Only administrators can do this."),
    INVALID_FIELD(400, "A field of the request is missing or not valid."),
    INVALID_CURSOR(400, "The pagination cursor is not valid; start again from the first page."),
    COURSE_CODE_TAKEN(409, "Another course already uses this code."),
    MEMBER_NOT_FOUND(404, "This person is not a member of the course."),
    CAPTION_NOT_FOUND(404, "This caption track does not exist."),
    CHAPTER_NOT_FOUND(404, "This chapter does not exist."),
    INVALID_CAPTIONS(422, "The caption file is not valid SRT or WebVTT."),
    NOT_PUBLISHED(409, "The lecture has no published rendition set yet."),
    MEDIA_TOKEN_INVALID(403, "The media link is invalid or has expired; reload the player."),
    MEDIA_NOT_FOUND(404, "This media file does not exist."),
    AUTOMATIC_CAPTIONS_OFF(
            409, "Automatic captions are off on this installation: no speech engine is set up."),
    AUTOMATIC_CHAPTERS_OFF(409, "Slide detection is off on this installation."),
    NOT_A_SLIDE_VIDEO(409, "This lecture is not a slide or screen recording, so it has no slides."),
    NO_SLIDES(409, "No slides were found in this lecture.");

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
