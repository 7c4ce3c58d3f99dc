package dev.lectern.catalog.access;

import dev.lectern.catalog.CourseRole;
import dev.lectern.catalog.lifecycle.LectureState;
import dev.lectern.infra.auth.Identity;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.UUID;

/**
 * Who may do what with a course and its lectures, answered from the memberships table. Every
 * {@code require…} method fails with a 404 problem when the caller is not in the course, so
 * outsiders cannot even learn that a course or lecture exists, and with 403 when a student tries
 * a teacher's action.
 */
public interface CourseAccess {

    /** The caller's role in the course; admins count as teachers. Empty for outsiders. */
    Future<Optional<CourseRole>> roleIn(Identity who, UUID courseId);

    /** Succeeds for the course's teachers and admins. */
    Future<Void> requireTeacher(Identity who, UUID courseId);

    /** Succeeds for any member of the course and admins, with the caller's role. */
    Future<CourseRole> requireMember(Identity who, UUID courseId);

    /** The lecture, for its course's teachers and admins. */
    Future<LectureState> requireLectureTeacher(Identity who, UUID lectureId);

    /**
     * The lecture, for anyone allowed to watch it: teachers and admins always; students only once
     * it is released (published, or scheduled with its time passed) and has a rendition set.
     */
    Future<LectureState> requireLectureViewer(Identity who, UUID lectureId);

    /** As {@link #requireLectureViewer}, with the caller's role: teachers see drafts too. */
    Future<Viewer> requireViewer(Identity who, UUID lectureId);

    /** Someone allowed to watch a lecture, and their role in its course (admins: teacher). */
    record Viewer(LectureState lecture, CourseRole role) {
        public boolean teacher() {
            return role == CourseRole.TEACHER;
        }
    }
}
