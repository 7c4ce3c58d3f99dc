package dev.lectern.transcode.ladder;

import dev.lectern.catalog.ContentKind;
import java.util.List;

/**
 * Everything one transcode produces, decided before ffmpeg starts.
 *
 * @param video video rungs, highest first; empty for audio-only sources
 * @param audio audio renditions; empty for sources without audio
 * @param sourceAudioIndex the source stream the audio is taken from, or {@code null}
 * @param segmentSeconds CMAF segment length; every rung has a keyframe at each multiple
 * @param downloadRungId the video rung offered as the offline MP4, or {@code null}
 * @param posterSeconds where the poster frame is taken
 * @param posterWidth poster size (the download rung's size)
 * @param thumbnails the scrubbing sprite, or {@code null} without video
 */
public record Ladder(
        ContentKind kind,
        List<VideoRung> video,
        List<AudioRendition> audio,
        Integer sourceAudioIndex,
        int segmentSeconds,
        String downloadRungId,
        double posterSeconds,
        int posterWidth,
        int posterHeight,
        ThumbnailPlan thumbnails) {

    public Ladder {
        video = List.copyOf(video);
        audio = List.copyOf(audio);
    }

    public boolean hasVideo() {
        return !video.isEmpty();
    }

    public boolean hasAudio() {
        return !audio.isEmpty();
    }

    /** The audio rendition every video variant plays with. */
    public AudioRendition groupAudio() {
        return audio.stream().filter(AudioRendition::inGroup).findFirst().orElseThrow();
    }

    /** The audio rendition offered alone to listeners on the thinnest links. */
    public AudioRendition audioOnly() {
        return audio.stream().filter(AudioRendition::audioOnlyVariant).findFirst().orElseThrow();
    }

    public VideoRung downloadRung() {
        return video.stream().filter(r -> r.id().equals(downloadRungId)).findFirst().orElseThrow();
    }

    public VideoRung lowestRung() {
        return video.getLast();
    }
}
