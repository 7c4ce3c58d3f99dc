package dev.lectern.catalog.media;

import dev.lectern.catalog.access.CourseAccess;
import dev.lectern.catalog.media.MediaTokens.MediaViewer;
import dev.lectern.infra.auth.Identity;
import dev.lectern.infra.http.ApiException;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Whether the holder of a media token may still watch the lecture: a student removed from the
 * course, or a lecture set back to draft, loses the media URLs already issued within {@link
 * #RECHECK}, whatever the token's lifetime. The answer is the catalog's own rule ({@link
 * CourseAccess#requireViewer}), kept per user and lecture for at most {@link #RECHECK}, so a player
 * fetching a segment every few seconds costs one small query per recheck, not one per segment.
 * Administrators' rights come from the identity provider and are not re-read here.
 */
public final class MediaAccess {
    /** How old an answer may be: the longest a revoked viewer keeps streaming. */
    public static final Duration RECHECK = Duration.ofSeconds(5);

    /** Past this many answers, expired ones are dropped when the next is added. */
    private static final int TIDY_ABOVE = 10_000;

    private final CourseAccess access;
    private final LongSupplier nanoTime;
    private final Map<Key, Answer> answers = new ConcurrentHashMap<>();

    public MediaAccess(CourseAccess access) {
        this(access, System::nanoTime);
    }

    MediaAccess(CourseAccess access, LongSupplier nanoTime) {
        this.access = access;
        this.nanoTime = nanoTime;
    }

    private record Key(String userId, UUID lectureId) {}

    /** Kept as a value: a shared future would run every caller's callbacks on one event loop. */
    private record Answer(boolean allowed, long askedAt) {}

    public Future<Boolean> mayWatch(MediaViewer viewer, UUID lectureId) {
        if (viewer.admin()) {
            return Future.succeededFuture(true);
        }
        long now = nanoTime.getAsLong();
        Key key = new Key(viewer.userId(), lectureId);
        Answer known = answers.get(key);
        if (known != null && now - known.askedAt() < RECHECK.toNanos()) {
            return Future.succeededFuture(known.allowed());
        }
        return access.requireViewer(
                        new Identity(viewer.userId(), viewer.userId(), false), lectureId)
                .map(true)
                .recover(
                        error ->
                                error instanceof ApiException
                                        ? Future.succeededFuture(false)
                                        : Future.failedFuture(error))
                .onSuccess(allowed -> remember(key, new Answer(allowed, now)));
    }

    private void remember(Key key, Answer answer) {
        if (answers.size() > TIDY_ABOVE) {
            long now = nanoTime.getAsLong();
            answers.values().removeIf(a -> now - a.askedAt() >= RECHECK.toNanos());
        }
        answers.put(key, answer);
    }
}
