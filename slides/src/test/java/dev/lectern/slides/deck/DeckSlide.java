package dev.lectern.slides.deck;

import java.util.List;

/**
 * One slide appearance a generated deck shows, as a perfect detector would report it.
 *
 * @param number 1, 2, … by first appearance; a revisit repeats the number
 * @param title the title drawn on it
 * @param startSeconds when the change to it begins
 * @param stepSeconds when a build adds a bullet to it
 * @param revisit whether it was shown before
 * @param dark whether it is light text on a dark background
 */
public record DeckSlide(
        int number,
        String title,
        double startSeconds,
        List<Double> stepSeconds,
        boolean revisit,
        boolean dark) {

    public DeckSlide {
        stepSeconds = List.copyOf(stepSeconds);
    }
}
