package dev.lectern.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.vertx.core.json.JsonObject;

/**
 * The decision about a source's content and the measurements it rests on, kept with the lecture
 * so the choice can be explained later.
 *
 * @param kind the decision
 * @param sampledSeconds seconds of the source that were decoded for the measurement
 * @param sampledFrames frames compared (after downscaling and rate reduction)
 * @param staticFrameFraction share of compared frames that hardly differ from the previous one
 * @param sceneChangesPerMinute frames that differ strongly from the previous one, per minute
 * @param meanChange average scene score (0 = identical frames, 1 = completely different)
 * @param stereoAudio whether the chosen audio stream really carries two different channels
 * @param sideToMidDb loudness of the side (left − right) signal relative to the mid signal; very
 *     negative when both channels carry the same sound; {@code null} when not measured
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContentAnalysis(
        ContentKind kind,
        double sampledSeconds,
        int sampledFrames,
        double staticFrameFraction,
        double sceneChangesPerMinute,
        double meanChange,
        boolean stereoAudio,
        Double sideToMidDb) {

    /** The analysis of a source without video. */
    public static ContentAnalysis audioOnly(boolean stereoAudio, Double sideToMidDb) {
        return new ContentAnalysis(ContentKind.AUDIO_ONLY, 0, 0, 0, 0, 0, stereoAudio, sideToMidDb);
    }

    public JsonObject toJson() {
        return JsonObject.mapFrom(this);
    }

    public static ContentAnalysis fromJson(JsonObject json) {
        return json.mapTo(ContentAnalysis.class);
    }
}
