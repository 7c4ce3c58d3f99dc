package dev.lectern.catalog.lecture;

import dev.lectern.catalog.media.MediaLinks;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/**
 * A lecture that matched a search, how well, the caption cues where the words are spoken and the
 * slides where they are shown.
 */
public record SearchHit(
        VisibleLecture lecture,
        double rank,
        List<CaptionHit> captionHits,
        List<SlideHit> slideHits) {

    public SearchHit {
        captionHits = List.copyOf(captionHits);
        slideHits = List.copyOf(slideHits);
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

    /**
     * A slide whose text matched: the player can jump to when it first appears.
     *
     * @param thumbnail its picture's path under the lecture's folder, or null
     */
    public record SlideHit(
            int number, String title, double startSeconds, String text, String thumbnail) {

        public JsonObject toJson(MediaLinks links) {
            return new JsonObject()
                    .put("number", number)
                    .put("title", title)
                    .put("startSeconds", startSeconds)
                    .put("text", text)
                    .put("thumbnail", links == null ? null : links.toOptional(thumbnail));
        }
    }

    /**
     * @param links media links for this lecture and viewer, for the slides' pictures; null when
     *     there are no slide hits
     */
    public JsonObject toJson(MediaLinks links) {
        JsonArray cues = new JsonArray();
        captionHits.forEach(cue -> cues.add(cue.toJson()));
        JsonArray slides = new JsonArray();
        slideHits.forEach(slide -> slides.add(slide.toJson(links)));
        return new JsonObject()
                .put("lecture", lecture.toJson())
                .put("rank", rank)
                .put("captionHits", cues)
                .put("slideHits", slides);
    }
}
