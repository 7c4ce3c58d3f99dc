package dev.lectern.catalog.caption;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Caption tracks and their cues, indexed for search in the track's language. */
public interface CaptionStore {

    /** The lecture's tracks, oldest first. */
    Future<List<CaptionTrack>> tracks(UUID lectureId);

    /**
     * Records a track whose WebVTT file is stored at {@code objectKey}, with its cues. A new
     * default track takes over from the previous one.
     */
    Future<CaptionTrack> add(
            UUID lectureId,
            UUID captionId,
            String language,
            String label,
            boolean isDefault,
            String objectKey,
            List<Cue> cues);

    /** Removes the track and its cues; the key of its file, or empty when there was no track. */
    Future<Optional<String>> remove(UUID lectureId, UUID captionId);
}
