package dev.lectern.catalog.lifecycle;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What the source check read from an accepted source, kept with the lecture so a teacher or an
 * administrator can later see what was uploaded. Only facts, never the file's own tags (which a
 * file could fill with anything). The JSON names are ffprobe's.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SourceSummary(String format, double durationSeconds, List<Stream> streams) {

    public SourceSummary {
        streams = List.copyOf(streams);
    }

    /** One playable stream: video fields are null for audio and the other way round. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Stream(
            int index,
            String type,
            String codec,
            Integer width,
            Integer height,
            Integer channels,
            @JsonProperty("sample_rate") String sampleRate,
            @JsonProperty("avg_frame_rate") String averageFrameRate,
            @JsonProperty("r_frame_rate") String baseFrameRate,
            Integer rotation) {}

    public JsonObject toJson() {
        return JsonObject.mapFrom(this);
    }

    public static SourceSummary fromJson(JsonObject json) {
        return json.mapTo(SourceSummary.class);
    }
}
