package dev.lectern.catalog.caption;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Caption tracks and their cues, indexed for search in the track's language. */
public interface CaptionStore {

    /** The lecture's tracks, oldest first; hidden ones only when {@code withHidden}. */
    Future<List<CaptionTrack>> tracks(UUID lectureId, boolean withHidden);

    Future<Optional<CaptionTrack>> track(UUID lectureId, UUID captionId);

    /** The track's cues in order, with their word timings. */
    Future<List<Cue>> cues(UUID captionId);

    /**
     * Records a track whose WebVTT file is stored at {@code objectKey}, with its cues. A new
     * default track takes over from the previous one; a new automatic track replaces the
     * lecture's previous automatic track, whose file key is returned to be deleted.
     */
    Future<AddedTrack> add(
            UUID lectureId, UUID captionId, TrackFields fields, String objectKey, List<Cue> cues);

    /** The track with its new cues and its next revision; empty when there is no such track. */
    Future<Optional<CaptionTrack>> replaceCues(UUID lectureId, UUID captionId, List<Cue> cues);

    /** Applies a teacher's changes; empty when there is no such track. */
    Future<Optional<CaptionTrack>> update(UUID lectureId, UUID captionId, TrackChanges changes);

    /** Removes the track and its cues; the key of its file, or empty when there was no track. */
    Future<Optional<String>> remove(UUID lectureId, UUID captionId);

    /** The file key of a track, for rewriting it; empty when there is no such track. */
    Future<Optional<String>> objectKey(UUID lectureId, UUID captionId);

    /** A new track, and the file of the automatic track it replaced, if any. */
    record AddedTrack(CaptionTrack track, Optional<String> replacedObjectKey) {}
}
