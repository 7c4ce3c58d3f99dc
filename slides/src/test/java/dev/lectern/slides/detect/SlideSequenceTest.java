package dev.lectern.slides.detect;

import static dev.lectern.slides.detect.Thresholds.FPS;
import static dev.lectern.slides.detect.Thresholds.HEIGHT;
import static dev.lectern.slides.detect.Thresholds.WIDTH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The detector's decisions on drawn grey frames, without ffmpeg. */
@DisplayName(
        "Slide decisions on drawn pictures: still, build step, revisit, new slide, moving regions")
class SlideSequenceTest {
    private static final int PAGE = 200;
    private static final int INK = 60;

    /** A picture: the page with dark bars standing for lines of text. */
    private static byte[] slide(int... lines) {
        byte[] frame = new byte[WIDTH * HEIGHT];
        Arrays.fill(frame, (byte) PAGE);
        for (int line : lines) {
            // line 0 is a title bar, the others body lines; the line number picks a length
            int top = line == 0 ? 10 : 40 + 14 * line;
            int height = line == 0 ? 10 : 5;
            int length = 120 + (line * 37) % 140;
            fill(frame, 20, top, length, height, INK);
        }
        return frame;
    }

    private static byte[] distinct(int seed) {
        byte[] frame = slide();
        Random random = new Random(seed);
        fill(frame, 10 + random.nextInt(60), 10, 100 + random.nextInt(150), 10, INK);
        int top = 44 + random.nextInt(8);
        for (int line = 0; line < 6; line++) {
            fill(frame, 10 + random.nextInt(60), top + 14 * line, 60 + random.nextInt(200), 5, INK);
        }
        return frame;
    }

    private static void fill(byte[] frame, int x0, int y0, int w, int h, int grey) {
        for (int y = y0; y < Math.min(HEIGHT, y0 + h); y++) {
            for (int x = x0; x < Math.min(WIDTH, x0 + w); x++) {
                frame[y * WIDTH + x] = (byte) grey;
            }
        }
    }

    /** Frames showing {@code picture} for {@code seconds}, with a pointer moving over them. */
    private static List<byte[]> shown(byte[] picture, double seconds, int pointerSpeed) {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < seconds * FPS; i++) {
            byte[] frame = picture.clone();
            if (pointerSpeed > 0) {
                int x = (40 + i * pointerSpeed) % (WIDTH - 10);
                int y = (30 + i * pointerSpeed / 2) % (HEIGHT - 10);
                fill(frame, x, y, 3, 5, 0);
            }
            frames.add(frame);
        }
        return frames;
    }

    private static List<DetectedSlide> detect(List<byte[]> frames) {
        StillRuns runs = new StillRuns(SlideDetector.minStillFrames());
        frames.forEach(runs::accept);
        return SlideSequence.of(runs.finish(), (double) frames.size() / FPS);
    }

    @SafeVarargs
    private static List<byte[]> concat(List<byte[]>... parts) {
        List<byte[]> all = new ArrayList<>();
        for (List<byte[]> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    @Test
    @DisplayName("a pointer sweeping over a still slide leaves one slide")
    void pointer() {
        List<DetectedSlide> found = detect(shown(slide(0, 1, 2, 3), 10, 23));
        assertEquals(1, found.size(), found.toString());
        assertEquals(0, found.getFirst().startSeconds());
        assertEquals(List.of(), found.getFirst().stepSeconds());
    }

    @Test
    @DisplayName("a cut starts the next slide at the cut")
    void cut() {
        List<DetectedSlide> found =
                detect(concat(shown(distinct(1), 5, 23), shown(distinct(2), 5, 23)));
        assertEquals(2, found.size(), found.toString());
        assertEquals(5.0, found.get(1).startSeconds(), 0.3);
        assertEquals(2, found.get(1).number());
        assertEquals(5.0, found.getFirst().endSeconds(), 0.3);
    }

    @Test
    @DisplayName("bullets appearing one by one are steps of one slide, read when complete")
    void build() {
        List<DetectedSlide> found =
                detect(
                        concat(
                                shown(slide(0, 1), 3, 23),
                                shown(slide(0, 1, 2), 3, 23),
                                shown(slide(0, 1, 2, 3), 3, 23)));
        assertEquals(1, found.size(), found.toString());
        DetectedSlide slide = found.getFirst();
        assertEquals(2, slide.stepSeconds().size(), slide.toString());
        assertEquals(3.0, slide.stepSeconds().get(0), 0.3);
        assertEquals(6.0, slide.stepSeconds().get(1), 0.3);
        assertTrue(slide.readSeconds() >= 6, slide.toString());
    }

    @Test
    @DisplayName("a new title is a new slide even where the bullets stay")
    void newTitle() {
        byte[] before = slide(0, 1, 2);
        byte[] after = slide(1, 2);
        fill(after, 20, 10, 260, 10, INK);
        fill(after, 50, 12, 60, 6, PAGE);
        List<DetectedSlide> found = detect(concat(shown(before, 4, 0), shown(after, 4, 0)));
        assertEquals(2, found.size(), found.toString());
        assertEquals(List.of(), found.getFirst().stepSeconds());
    }

    @Test
    @DisplayName("a region that keeps moving (a video inset) is left out")
    void inset() {
        byte[] page = slide(0, 1, 2, 3);
        Random random = new Random(3);
        List<byte[]> frames = shown(page, 12, 23);
        for (int i = 8; i < 40; i++) {
            byte[] frame = frames.get(i);
            for (int y = 110; y < 170; y++) {
                for (int x = 220; x < 310; x++) {
                    frame[y * WIDTH + x] = (byte) random.nextInt(256);
                }
            }
        }
        List<DetectedSlide> found = detect(frames);
        assertEquals(1, found.size(), found.toString());
        assertEquals(List.of(), found.getFirst().stepSeconds());
        double read = found.getFirst().readSeconds();
        assertTrue(read < 2 || read >= 10, "read where the inset does not cover it: " + read);
    }

    @Test
    @DisplayName("going back to a slide repeats its number as a revisit")
    void revisit() {
        List<DetectedSlide> found =
                detect(
                        concat(
                                shown(distinct(1), 4, 23),
                                shown(distinct(2), 4, 23),
                                shown(distinct(1), 4, 0)));
        assertEquals(3, found.size(), found.toString());
        assertEquals(List.of(1, 2, 1), found.stream().map(DetectedSlide::number).toList());
        assertFalse(found.get(1).revisit());
        assertTrue(found.get(2).revisit());
    }

    @Test
    @DisplayName("a slide flicked past merges into the next one")
    void flicked() {
        List<DetectedSlide> found =
                detect(
                        concat(
                                shown(distinct(1), 4, 0),
                                shown(distinct(2), 0.75, 0),
                                shown(distinct(3), 4, 0)));
        assertEquals(2, found.size(), found.toString());
        assertEquals(4.0, found.get(1).startSeconds(), 0.3);
    }

    @Test
    @DisplayName("a picture that changes everywhere all the time gives no slides")
    void camera() {
        Random random = new Random(5);
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            byte[] frame = new byte[WIDTH * HEIGHT];
            random.nextBytes(frame);
            frames.add(frame);
        }
        assertEquals(List.of(), detect(frames));
    }

    @Test
    @DisplayName("median5 is the median of five")
    void median5() {
        Random random = new Random(9);
        for (int i = 0; i < 10_000; i++) {
            int[] v = random.ints(5, 0, 256).toArray();
            int got = StillRuns.median5(v[0], v[1], v[2], v[3], v[4]);
            Arrays.sort(v);
            assertEquals(v[2], got);
        }
    }
}
