package dev.lectern.catalog.media;

import io.vertx.core.Future;
import java.util.Optional;
import java.util.UUID;

/** What players and the media routes read about a lecture. */
public interface PlaybackStore {

    /**
     * The lecture's published rendition set with its captions, chapters and {@code viewerId}'s
     * resume position; empty while no rendition set is published.
     */
    Future<Optional<PublishedLecture>> published(UUID lectureId, String viewerId);

    /** The caption tracks the lecture's playlists and manifests link. */
    Future<LectureCaptions> captions(UUID lectureId);

    /** The lecture's chapters with its duration, for the WebVTT chapters track. */
    Future<ChapterTrack> chapters(UUID lectureId);
}
