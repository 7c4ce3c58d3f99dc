package dev.lectern.catalog.lecture;

import dev.lectern.catalog.LectureStatus;
import dev.lectern.infra.auth.Identity;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The lectures as their teachers edit them and their viewers list them. Processing state changes
 * go through the lifecycle port, not here.
 */
public interface LectureStore {

    Future<Lecture> create(UUID courseId, LectureFields fields, String createdBy);

    Future<Optional<Lecture>> find(UUID lectureId);

    /**
     * Locks the lecture, hands it to {@code edit} and writes the fields {@code edit} returns, in
     * one transaction: nothing is written when {@code edit} throws. Empty when there is no such
     * lecture.
     */
    Future<Optional<Lecture>> update(UUID lectureId, Function<Lecture, LectureFields> edit);

    /** Deletes the row (its objects must be gone already); false when there was none. */
    Future<Boolean> delete(UUID lectureId);

    Future<List<UUID>> idsInCourse(UUID courseId);

    /**
     * The lectures {@code who} may see, newest first: admins and a course's teachers see all of
     * its lectures, its students only released ones with a rendition set.
     */
    Future<LecturePage> visibleTo(Identity who, Filter filter, Cursor after, int limit);

    /** The processing state of every lecture in the course. */
    Future<List<LectureActivity>> activityIn(UUID courseId);

    /** Narrows a list; null parts do not filter. {@code words} is a web-search style query. */
    record Filter(UUID courseId, LectureStatus status, String words) {}
}
