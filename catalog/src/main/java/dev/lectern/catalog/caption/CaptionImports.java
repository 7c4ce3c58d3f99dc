package dev.lectern.catalog.caption;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Caption tracks that came with a webinar recording (Zoom's transcript, BigBlueButton's closed
 * captions): published at once, the default where the lecture has none, and once per language,
 * so a retried import adds nothing. A lecture with such a track is not recognised again unless a
 * teacher asks.
 */
public final class CaptionImports {
    private final CaptionStore captions;
    private final CaptionFiles files;

    public CaptionImports(CaptionStore captions, CaptionFiles files) {
        this.captions = captions;
        this.files = files;
    }

    /** The new track, or empty when one in this language came with the recording already. */
    public Future<Optional<CaptionTrack>> add(
            UUID lectureId, String language, String label, List<Cue> cues) {
        return captions.tracks(lectureId, true)
                .compose(
                        tracks -> {
                            boolean imported =
                                    tracks.stream()
                                            .anyMatch(
                                                    t ->
                                                            t.origin() == CaptionOrigin.IMPORTED
                                                                    && t.language()
                                                                            .equals(language));
                            if (imported) {
                                return Future.succeededFuture(Optional.<CaptionTrack>empty());
                            }
                            boolean hasDefault = tracks.stream().anyMatch(CaptionTrack::isDefault);
                            TrackFields fields =
                                    new TrackFields(
                                            language,
                                            label,
                                            !hasDefault,
                                            CaptionOrigin.IMPORTED,
                                            null,
                                            null,
                                            true);
                            return files.add(lectureId, fields, cues).map(Optional::of);
                        });
    }
}
