package dev.lectern.slides.detect;

import java.util.List;

/**
 * One slide appearance found in the picture.
 *
 * @param number 1, 2, … by first appearance; a revisit repeats the earlier number
 * @param startSeconds when the change to it began (the moment a student wants to jump to)
 * @param endSeconds when the next appearance began, or the end of the video
 * @param stepSeconds moments a build added to it (bullets appearing), after {@code startSeconds}
 * @param readSeconds an instant when its fullest build is shown and the picture is still (where to
 *     read it)
 * @param revisit whether an earlier appearance showed the same slide
 */
public record DetectedSlide(
        int number,
        double startSeconds,
        double endSeconds,
        List<Double> stepSeconds,
        double readSeconds,
        boolean revisit) {

    public DetectedSlide {
        stepSeconds = List.copyOf(stepSeconds);
    }
}
