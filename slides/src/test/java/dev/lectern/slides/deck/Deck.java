package dev.lectern.slides.deck;

import java.nio.file.Path;
import java.util.List;

/**
 * A generated slide lecture and what it shows.
 *
 * @param video the screen recording (H.264 in MP4, no audio)
 * @param insetStart when the video inset appears (it plays for ten seconds)
 */
public record Deck(
        Path video,
        int width,
        int height,
        double seconds,
        List<DeckSlide> slides,
        double insetStart,
        double insetEnd) {

    public Deck {
        slides = List.copyOf(slides);
    }

    /** The moments the slide changes (every appearance's start but the first). */
    public List<Double> changes() {
        return slides.stream().skip(1).map(DeckSlide::startSeconds).toList();
    }
}
