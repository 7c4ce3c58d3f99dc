package dev.lectern.catalog.course;

import dev.lectern.catalog.CourseRole;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The courses. Writes that would give two courses the same code fail with the {@code
 * COURSE_CODE_TAKEN} problem.
 */
public interface CourseStore {

    Future<Course> create(CourseFields fields);

    Future<Optional<Course>> find(UUID courseId);

    /** Every course, by code: what an administrator sees. */
    Future<List<Course>> all();

    /** The courses {@code userId} is a member of, by code, with their role in each. */
    Future<List<Enrolled>> enrolled(String userId);

    /** The course with the non-null {@code changes} applied; empty when there is no such course. */
    Future<Optional<Course>> update(UUID courseId, CourseFields changes);

    /** Deletes the course row; its lectures' objects must be gone already (see LectureRemoval). */
    Future<Void> delete(UUID courseId);

    /** A course and the member's role in it. */
    record Enrolled(Course course, CourseRole role) {}
}
