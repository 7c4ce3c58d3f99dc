package dev.lectern.catalog.lecture;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/** A lecture that matched a search, how well, and the caption cues where the words are spoken. */
public record SearchHit(VisibleLecture lecture, double rank, List<CaptionHit> captionHits) {

    public SearchHit {
        captionHits = List.copyOf(captionHits);
    }

    /** A matching cue: the player can jump to {@code startSeconds}. */
    public record CaptionHit(UUID captionId, double startSeconds, double endSeconds, String text) {

        public JsonObject toJson() {
            return new JsonObject()
                    .put("captionId", captionId.toString())
                    .put("startSeconds", startSeconds)
                    .put("endSeconds", endSeconds)
                    .put("text", text);
        }
    }

    public JsonObject toJson() {
        JsonArray cues = new JsonArray();
        captionHits.forEach(cue -> cues.add(cue.toJson()));
        return new JsonObject()
                .put("lecture", lecture.toJson())
                .put("rank", rank)
                .put("captionHits", cues);
    }
}
