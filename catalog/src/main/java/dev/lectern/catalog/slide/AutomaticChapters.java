package dev.lectern.catalog.slide;

import dev.lectern.catalog.RenditionSet;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Slides and the chapters made from them, as the catalog keeps them: which lectures to read, the
 * slide job's state, and the result. The slides module does the detecting and reading through
 * this port.
 */
public interface AutomaticChapters {

    /** The job kind that finds a lecture's slides. */
    String JOB_KIND = "slides";

    /** What reading a lecture's slides starts from; empty when it is gone or unpublished. */
    Future<Optional<Subject>> subject(UUID lectureId);

    /** Where slide detection of a lecture stands, for its teachers. */
    Future<JsonObject> status(UUID lectureId);

    /** Queues slide detection again (a teacher asked); no second job while one is live. */
    Future<Void> request(UUID lectureId);

    /**
     * Keeps the slides found in a lecture's version (replacing earlier ones, so their text is
     * searchable) and, unless a teacher has made or edited the lecture's chapters, replaces its
     * chapters with one per slide appearance.
     *
     * @return false, keeping nothing, when the lecture is gone or another version has been
     *     published since (its own detection follows)
     */
    Future<Boolean> publish(UUID lectureId, int version, List<Slide> slides);

    /**
     * A lecture to read: its language (null: English), the published version and its renditions
     * (the lowest rung is scanned), and its kept source (each slide is read at full resolution).
     */
    record Subject(
            UUID lectureId,
            String language,
            int version,
            RenditionSet renditions,
            String sourceKey) {}
}
