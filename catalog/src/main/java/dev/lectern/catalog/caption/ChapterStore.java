package dev.lectern.catalog.caption;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The chapters of each lecture. */
public interface ChapterStore {

    /** In playing order (ties by title). */
    Future<List<Chapter>> chapters(UUID lectureId);

    Future<Chapter> add(UUID lectureId, String title, double startSeconds);

    /** Changes the non-null parts; empty when the lecture has no such chapter. */
    Future<Optional<Chapter>> update(
            UUID lectureId, UUID chapterId, String title, Double startSeconds);

    /** False when the lecture has no such chapter. */
    Future<Boolean> remove(UUID lectureId, UUID chapterId);
}
