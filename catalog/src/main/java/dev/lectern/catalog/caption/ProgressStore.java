package dev.lectern.catalog.caption;

import io.vertx.core.Future;
import java.util.UUID;

/** Where each viewer is in each lecture, and the furthest point they reached. */
public interface ProgressStore {

    /** {@code userId} is at {@code positionSeconds}; the furthest point only ever grows. */
    Future<Void> record(String userId, UUID lectureId, double positionSeconds);

    /** Every student of the lecture's course, by user id, with how far they got. */
    Future<Completion> completion(UUID lectureId);
}
