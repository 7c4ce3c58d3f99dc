package dev.lectern.catalog.caption;

import dev.lectern.catalog.RenditionSet;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Automatic captions as the catalog keeps them: which lectures to recognise and with what words
 * in mind, the recognition job's state, and the resulting track. The speech module does the
 * recognising through this port.
 */
public interface AutomaticCaptions {

    /** The job kind that recognises a lecture's speech. */
    String JOB_KIND = "captions";

    /** What recognising a lecture starts from; empty when the lecture is gone or unpublished. */
    Future<Optional<Subject>> subject(UUID lectureId);

    /** Where recognition of a lecture stands, for its teachers. */
    Future<JsonObject> status(UUID lectureId);

    /** Queues recognition again (a teacher asked); no second job while one is live. */
    Future<Void> request(UUID lectureId);

    /**
     * Publishes recognised cues as the lecture's automatic track, replacing an earlier one; it is
     * the default only where no other track is, and hidden when the engine makes drafts.
     */
    Future<CaptionTrack> publish(UUID lectureId, String language, List<Cue> cues);

    /**
     * A lecture to recognise: its words as the teacher wrote them (title, description, the
     * course's glossary) and as its slides show them (when they were read first), its language
     * (null: the engine's default) and its published media.
     */
    record Subject(
            UUID lectureId,
            String language,
            String title,
            String description,
            List<String> glossary,
            List<String> slideText,
            int version,
            RenditionSet renditions) {

        public Subject {
            glossary = List.copyOf(glossary);
            slideText = List.copyOf(slideText);
        }
    }
}
