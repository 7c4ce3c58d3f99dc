package dev.lectern.catalog.lecture;

import dev.lectern.catalog.CatalogProblem;
import dev.lectern.catalog.StorageKeys;
import dev.lectern.catalog.course.CourseStore;
import dev.lectern.infra.http.ApiException;
import dev.lectern.infra.storage.ObjectStore;
import io.vertx.core.Future;
import java.util.UUID;

/**
 * Deletes lectures with everything they own. Objects go first, rows last: if the store fails half
 * way, the lecture row is still there and the teacher can delete it again, whereas rows deleted
 * first would leave objects nobody can find any more. Captions, cues, chapters, progress and jobs
 * go with the row through ON DELETE CASCADE.
 */
public final class LectureRemoval {
    private final LectureStore lectures;
    private final CourseStore courses;
    private final ObjectStore store;

    public LectureRemoval(LectureStore lectures, CourseStore courses, ObjectStore store) {
        this.lectures = lectures;
        this.courses = courses;
        this.store = store;
    }

    public Future<Void> removeLecture(UUID lectureId) {
        return store.deletePrefix(StorageKeys.lecturePrefix(lectureId))
                .compose(count -> lectures.delete(lectureId))
                .compose(
                        deleted ->
                                deleted
                                        ? Future.succeededFuture()
                                        : Future.failedFuture(
                                                new ApiException(
                                                        CatalogProblem.LECTURE_NOT_FOUND,
                                                        "No lecture " + lectureId + ".")));
    }

    public Future<Void> removeCourse(UUID courseId) {
        return lectures.idsInCourse(courseId)
                .compose(
                        ids -> {
                            // One lecture at a time keeps the store's request rate modest.
                            Future<Void> chain = Future.succeededFuture();
                            for (UUID id : ids) {
                                chain = chain.compose(v -> removeLecture(id));
                            }
                            return chain;
                        })
                .compose(v -> courses.delete(courseId));
    }
}
