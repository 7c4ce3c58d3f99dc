package dev.lectern.catalog.lifecycle;

import dev.lectern.catalog.LectureStatus;
import java.util.Optional;
import java.util.UUID;

/**
 * A guarded transition found the lecture in a state that does not allow it (a replayed webhook, a
 * retried job, a race another process won), or found no lecture at all. Callers that expect the
 * race treat it as "someone else got there first"; the HTTP layer answers it as a conflict.
 */
public final class TransitionRefused extends RuntimeException {
    private final UUID lectureId;
    private final LectureStatus current;

    TransitionRefused(UUID lectureId, LectureStatus current, String action) {
        super(
                current == null
                        ? "No lecture " + lectureId + "."
                        : "A lecture that is "
                                + current.dbValue().replace('_', ' ')
                                + " cannot "
                                + action
                                + ".",
                null,
                false,
                false);
        this.lectureId = lectureId;
        this.current = current;
    }

    public UUID lectureId() {
        return lectureId;
    }

    /** The state that refused the transition; empty when the lecture does not exist (any more). */
    public Optional<LectureStatus> current() {
        return Optional.ofNullable(current);
    }

    public boolean lectureGone() {
        return current == null;
    }
}
