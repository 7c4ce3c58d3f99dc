package dev.lectern.infra.media;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * What ffprobe measured about a source file: its container, duration, video stream and audio
 * streams. Stored as JSON in {@code lectures.source_facts} and read back by the transcoder, so the
 * JSON shape is the record components.
 *
 * @param container ffprobe's format name, e.g. {@code mov,mp4,m4a,3gp,3g2,mj2}
 * @param durationSeconds duration, from the header or, when missing, from streams or packets
 * @param durationSource where the duration came from (header, stream or packets)
 * @param video the first video stream, or {@code null} for an audio-only source
 * @param audioStreams every audio stream in file order
 * @param chosenAudioIndex stream index of the audio used (default-flagged, else first), or {@code
 *     null} when there is no audio
 * @param sizeBytes file size
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SourceFacts(
        String container,
        double durationSeconds,
        DurationSource durationSource,
        VideoFacts video,
        List<AudioStreamFacts> audioStreams,
        Integer chosenAudioIndex,
        long sizeBytes) {

    public SourceFacts {
        audioStreams = List.copyOf(audioStreams);
    }

    /** Where the duration was read. */
    public enum DurationSource {
        HEADER,
        STREAM,
        PACKETS
    }

    @JsonIgnore
    public boolean hasVideo() {
        return video != null;
    }

    @JsonIgnore
    public boolean hasAudio() {
        return chosenAudioIndex != null;
    }

    /** The audio stream Lectern uses. */
    public Optional<AudioStreamFacts> chosenAudio() {
        return audioStreams.stream()
                .filter(a -> chosenAudioIndex != null && a.index() == chosenAudioIndex)
                .findFirst();
    }

    /** The default-flagged audio stream, else the first one. */
    public static Integer chooseAudio(List<AudioStreamFacts> streams) {
        return streams.stream()
                .filter(AudioStreamFacts::defaultDisposition)
                .findFirst()
                .or(() -> streams.stream().findFirst())
                .map(AudioStreamFacts::index)
                .orElse(null);
    }

    public JsonObject toJson() {
        return JsonObject.mapFrom(this);
    }

    public static SourceFacts fromJson(JsonObject json) {
        return json.mapTo(SourceFacts.class);
    }

    /**
     * The video stream.
     *
     * @param rotation display rotation from the display matrix, in degrees counter-clockwise as
     *     ffprobe reports it, normalised to 0..359; ffmpeg's autorotate applies it when decoding
     * @param averageFrameRate frames per second over the whole stream (avg_frame_rate), 0 if unknown
     * @param baseFrameRate the lowest rate all timestamps fit (r_frame_rate), 0 if unknown
     * @param variableFrameRate whether frames are not evenly spaced (the two rates disagree, or one
     *     is unknown), as screen recorders and browsers produce
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record VideoFacts(
            int index,
            String codec,
            String profile,
            int width,
            int height,
            int rotation,
            String pixelFormat,
            int bitDepth,
            double averageFrameRate,
            double baseFrameRate,
            boolean variableFrameRate) {

        /** Width as shown, after rotation. */
        @JsonIgnore
        public int displayWidth() {
            return rotation % 180 == 0 ? width : height;
        }

        /** Height as shown, after rotation. */
        @JsonIgnore
        public int displayHeight() {
            return rotation % 180 == 0 ? height : width;
        }

        /** The best estimate of the frame rate: the average if known, else the base rate. */
        @JsonIgnore
        public double frameRate() {
            return averageFrameRate > 0 ? averageFrameRate : baseFrameRate;
        }
    }

    /** One audio stream. {@code language} is the ISO 639-2 tag or {@code null}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AudioStreamFacts(
            int index,
            String codec,
            int channels,
            String channelLayout,
            int sampleRate,
            String language,
            boolean defaultDisposition) {}
}
