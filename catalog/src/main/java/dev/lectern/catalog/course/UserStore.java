package dev.lectern.catalog.course;

import io.vertx.core.Future;

/** The people who use Lectern, as their tokens name them. */
public interface UserStore {

    /** Records that {@code userId} called the API just now, under {@code displayName}. */
    Future<Void> seen(String userId, String displayName);
}
