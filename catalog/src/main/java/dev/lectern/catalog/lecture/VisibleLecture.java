package dev.lectern.catalog.lecture;

import io.vertx.core.json.JsonObject;

/** A lecture in a list, and whether the caller sees it as one of its teachers. */
public record VisibleLecture(Lecture lecture, boolean asTeacher) {

    public JsonObject toJson() {
        return lecture.toJson(asTeacher);
    }
}
