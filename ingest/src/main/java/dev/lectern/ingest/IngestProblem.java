package dev.lectern.ingest;

import dev.lectern.infra.http.ProblemCode;

/** Stable codes for everything that can go wrong while a source comes in. */
public enum IngestProblem implements ProblemCode {
    UPLOAD_NOT_FOUND(404, "There is no such upload, or you do not have access to it."),
    UPLOAD_EXPIRED(410, "This upload expired or was cancelled; start a new one."),
    OFFSET_MISMATCH(
            409, "Upload-Offset does not match the bytes received so far; HEAD and resume."),
    UPLOAD_LOCKED(423, "Another request is writing to this upload; retry in a moment."),
    UNSUPPORTED_TUS_VERSION(412, "Only tus 1.0.0 is supported."),
    UPLOAD_TOO_LARGE(413, "The upload is larger than this server accepts."),
    CHECKSUM_MISMATCH(460, "The chunk's checksum does not match; it was discarded, send it again."),
    UNSUPPORTED_CHECKSUM(400, "Upload-Checksum uses an algorithm this server does not support."),
    INVALID_UPLOAD_REQUEST(400, "The tus request is missing a header or has an invalid one."),
    WRONG_CONTENT_TYPE(415, "PATCH bodies must be application/offset+octet-stream."),
    EMPTY_FILE(422, "The file is empty."),
    NOT_MEDIA(422, "The file is not an audio or video file Lectern can read."),
    NO_PLAYABLE_STREAM(422, "The file has no audio or video stream that can be played."),
    CORRUPT_MEDIA(422, "The file is damaged or incomplete."),
    DURATION_TOO_LONG(422, "The recording is longer than this server accepts."),
    DIMENSIONS_TOO_LARGE(422, "The video's picture is larger than this server accepts."),
    TOO_LARGE(422, "The file is larger than this server accepts."),
    SOURCE_CHECK_FAILED(
            503,
            "Checking the file failed again and again; upload it again or ask an administrator.");

    private final int status;
    private final String title;

    IngestProblem(int status, String title) {
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
