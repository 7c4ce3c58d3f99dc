package dev.lectern.catalog.slide;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One slide of a lecture as its picture showed it and Tesseract read it.
 *
 * @param number 1, 2, … in order of first appearance; a revisited slide keeps its number
 * @param title its top or largest line; empty when nothing legible was read
 * @param text everything read on it (title included), for search
 * @param appearances when it was on screen: more than one when the teacher went back to it
 * @param thumbnail its picture's path inside the lecture's version folder, e.g. {@code
 *     slides/3-a1b2c3d4.jpg}; null when none was made
 */
public record Slide(
        int number, String title, String text, List<Appearance> appearances, String thumbnail) {

    public Slide {
        appearances = List.copyOf(appearances);
    }

    /** The first moment it was shown. */
    public double firstSeconds() {
        return appearances.getFirst().startSeconds();
    }

    /** One time on screen, and the moments a build added a step (a bullet appearing). */
    public record Appearance(double startSeconds, double endSeconds, List<Double> stepSeconds) {

        public Appearance {
            stepSeconds = List.copyOf(stepSeconds);
        }

        JsonObject toJson() {
            return new JsonObject()
                    .put("startSeconds", startSeconds)
                    .put("endSeconds", endSeconds)
                    .put("stepSeconds", new JsonArray(stepSeconds));
        }

        static Appearance fromJson(JsonObject json) {
            return new Appearance(
                    json.getDouble("startSeconds"),
                    json.getDouble("endSeconds"),
                    json.getJsonArray("stepSeconds", new JsonArray()).stream()
                            .map(v -> ((Number) v).doubleValue())
                            .toList());
        }
    }

    static JsonArray appearancesJson(List<Appearance> appearances) {
        JsonArray array = new JsonArray();
        appearances.forEach(a -> array.add(a.toJson()));
        return array;
    }
}
