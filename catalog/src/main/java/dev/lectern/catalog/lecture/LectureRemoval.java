package dev.lectern.catalog.lecture;

import dev.lectern.catalog.CatalogProblem;
import dev.lectern.catalog.StorageKeys;
import dev.lectern.infra.http.ApiException;
import dev.lectern.infra.storage.ObjectStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Deletes lectures with everything they own. Objects go first, rows last: if the store fails half
 * way, the lecture row is still there and the teacher can delete it again, whereas rows deleted
 * first would leave objects nobody can find any more. Captions, cues, chapters, progress and jobs
 * go with the row through ON DELETE CASCADE.
 */
public final class LectureRemoval {
    private static final String LECTURES_OF_COURSE = "SELECT id FROM lectures WHERE course_id = $1";
    private static final String DELETE_LECTURE = "DELETE FROM lectures WHERE id = $1";
    private static final String DELETE_COURSE = "DELETE FROM courses WHERE id = $1";

    private final Pool pool;
    private final ObjectStore store;

    public LectureRemoval(Pool pool, ObjectStore store) {
        this.pool = pool;
        this.store = store;
    }

    public Future<Void> removeLecture(UUID lectureId) {
        return store.deletePrefix(StorageKeys.lecturePrefix(lectureId))
                .compose(count -> pool.preparedQuery(DELETE_LECTURE).execute(Tuple.of(lectureId)))
                .compose(
                        rows ->
                                rows.rowCount() == 1
                                        ? Future.succeededFuture()
                                        : Future.failedFuture(
                                                new ApiException(
                                                        CatalogProblem.LECTURE_NOT_FOUND,
                                                        "No lecture " + lectureId + ".")));
    }

    public Future<Void> removeCourse(UUID courseId) {
        return pool.preparedQuery(LECTURES_OF_COURSE)
                .execute(Tuple.of(courseId))
                .compose(
                        rows -> {
                            List<UUID> ids = new ArrayList<>();
                            for (Row row : rows) {
                                ids.add(row.getUUID("id"));
                            }
                            // One lecture at a time keeps the store's request rate modest.
                            Future<Void> chain = Future.succeededFuture();
                            for (UUID id : ids) {
                                chain = chain.compose(v -> removeLecture(id));
                            }
                            return chain;
                        })
                .compose(v -> pool.preparedQuery(DELETE_COURSE).execute(Tuple.of(courseId)))
                .mapEmpty();
    }
}
