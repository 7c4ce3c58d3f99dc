package dev.lectern.slides.detect;

import static dev.lectern.slides.detect.Thresholds.FPS;
import static dev.lectern.slides.detect.Thresholds.MAX_TRANSITION_SECONDS;
import static dev.lectern.slides.detect.Thresholds.MIN_INK_BLOCKS;
import static dev.lectern.slides.detect.Thresholds.REVISIT_BLOCKS;
import static dev.lectern.slides.detect.Thresholds.SAME_BLOCKS;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides what each still run is: the same slide as before (a pointer parked, a video inset came
 * and went), a build step of it (only new ink), a slide seen before (a revisit), or a new slide.
 */
final class SlideSequence {
    private final List<List<Picture>> known = new ArrayList<>();
    private final List<DetectedSlide> slides = new ArrayList<>();
    private Appearance current;

    private static final class Appearance {
        final int number;
        final boolean revisit;
        final double start;
        final List<Double> steps = new ArrayList<>();
        Picture picture;
        int readFrame;
        int readScore;

        Appearance(int number, boolean revisit, double start, StillRuns.Run run) {
            this.number = number;
            this.revisit = revisit;
            this.start = start;
            show(run);
        }

        void show(StillRuns.Run run) {
            picture = run.picture();
            readFrame = run.readFrame();
            readScore = run.readScore();
        }
    }

    /** The slides the runs show; {@code endSeconds} closes the last one. */
    static List<DetectedSlide> of(List<StillRuns.Run> runs, double endSeconds) {
        SlideSequence sequence = new SlideSequence();
        for (StillRuns.Run run : runs) {
            sequence.add(run);
        }
        sequence.close(endSeconds);
        return sequence.slides;
    }

    private void add(StillRuns.Run run) {
        Picture picture = run.picture();
        if (picture.ink() < MIN_INK_BLOCKS) {
            return; // a blank screen is no slide; the next one's change starts after it
        }
        int gap = run.start() - run.transitionStart();
        double start = (gap <= MAX_TRANSITION_SECONDS * FPS ? run.changeStart() : run.start());
        start /= FPS;
        if (current != null) {
            if (current.picture.difference(picture) <= SAME_BLOCKS
                    || closestView(known.get(current.number - 1), picture) <= SAME_BLOCKS) {
                // The same picture again: keep the view least disturbed for reading.
                Picture earlier = current.picture;
                int frame = current.readFrame;
                int score = current.readScore;
                current.show(run);
                if (score < run.readScore()) {
                    current.readFrame = frame;
                    current.readScore = score;
                }
                current.picture = picture.moving.isEmpty() ? picture : earlier;
                return;
            }
            if (current.picture.isBuiltOnBy(picture)) {
                current.steps.add(start);
                current.show(run);
                known.get(current.number - 1).add(picture);
                return;
            }
            close(start);
        }
        int number = -1;
        int best = Integer.MAX_VALUE;
        for (int i = 0; i < known.size(); i++) {
            int difference = closestView(known.get(i), picture);
            if (difference < best) {
                best = difference;
                number = i + 1;
            }
        }
        boolean revisit = best <= REVISIT_BLOCKS;
        if (!revisit) {
            known.add(new ArrayList<>(List.of(picture)));
            number = known.size();
        }
        current = new Appearance(number, revisit, start, run);
    }

    private static int closestView(List<Picture> views, Picture picture) {
        int best = Integer.MAX_VALUE;
        for (Picture view : views) {
            best = Math.min(best, view.difference(picture));
        }
        return best;
    }

    private void close(double end) {
        if (current == null) {
            return;
        }
        slides.add(
                new DetectedSlide(
                        current.number,
                        current.start,
                        Math.max(end, current.start),
                        current.steps,
                        (double) current.readFrame / FPS,
                        current.revisit));
        current = null;
    }
}
