package dev.lectern.catalog.slide;

import dev.lectern.catalog.caption.Chapter;
import io.vertx.core.Future;
import java.util.List;
import java.util.UUID;

/** The slides found in each lecture, and the chapters made from them. */
public interface SlideStore {

    /** In order of first appearance. */
    Future<List<Slide>> slides(UUID lectureId);

    /**
     * Replaces the lecture's chapters with one per slide appearance (a teacher asked for them
     * back after editing); empty when the lecture has no slides, which leaves its chapters alone.
     */
    Future<List<Chapter>> useSlideChapters(UUID lectureId);
}
