package dev.lectern.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What a transcode produced, as stored in {@code lectures.renditions}. Every path is relative to
 * the version folder. Bandwidths are measured from the written segments, in bits per second.
 *
 * @param sourceAudioIndex the source stream the audio came from (the default-flagged one, else the
 *     first), or {@code null} without audio
 * @param audioOnlyPlaylist the playlist to play for listening alone, or {@code null} without audio
 * @param downloads offline files; {@code video} is {@code null} for audio-only sources, {@code
 *     audio} is {@code null} for silent ones
 * @param thumbnails the scrubbing sprite, or {@code null} for audio-only sources
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RenditionSet(
        ContentKind kind,
        ContentAnalysis analysis,
        double durationSeconds,
        int segmentSeconds,
        Integer sourceAudioIndex,
        String sourceAudioLanguage,
        List<VideoOutput> video,
        List<AudioOutput> audio,
        String master,
        String mpd,
        String audioOnlyPlaylist,
        String poster,
        Thumbnails thumbnails,
        Downloads downloads) {

    public RenditionSet {
        video = List.copyOf(video);
        audio = List.copyOf(audio);
    }

    public JsonObject toJson() {
        return JsonObject.mapFrom(this);
    }

    public static RenditionSet fromJson(JsonObject json) {
        return json.mapTo(RenditionSet.class);
    }

    /**
     * A video rendition. {@code bandwidth} is the peak segment bitrate and {@code averageBandwidth}
     * the mean, both for the video alone (the master playlist adds the audio group).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record VideoOutput(
            String id,
            String playlist,
            String initSegment,
            int segments,
            int width,
            int height,
            String frameRate,
            String codecs,
            long bandwidth,
            long averageBandwidth,
            long bytes) {}

    /** An audio rendition, shared by every video variant when {@code inGroup}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AudioOutput(
            String id,
            String playlist,
            String initSegment,
            int segments,
            int channels,
            int sampleRate,
            String codecs,
            long bandwidth,
            long averageBandwidth,
            long bytes,
            boolean inGroup,
            boolean audioOnlyVariant) {}

    /** The sprite and the WebVTT track that points into it with {@code #xywh=}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Thumbnails(
            String sprite, String vtt, int intervalSeconds, int width, int height, int count) {}

    /** Offline downloads and their sizes in bytes. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Downloads(String video, long videoBytes, String audio, long audioBytes) {}
}
