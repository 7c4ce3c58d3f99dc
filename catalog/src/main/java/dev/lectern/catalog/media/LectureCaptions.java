package dev.lectern.catalog.media;

import dev.lectern.catalog.caption.CaptionTrack;
import java.util.List;

/**
 * A lecture's caption tracks in the order players offer them (the default first) and the
 * lecture's length, which a caption's HLS playlist needs; 0 when unknown.
 */
public record LectureCaptions(List<CaptionTrack> tracks, double durationSeconds) {

    public LectureCaptions {
        tracks = List.copyOf(tracks);
    }
}
