package dev.lectern.slides.detect;

import static dev.lectern.slides.detect.Thresholds.BACKGROUND_BLOCK;
import static dev.lectern.slides.detect.Thresholds.HEIGHT;
import static dev.lectern.slides.detect.Thresholds.PIXEL_DELTA;
import static dev.lectern.slides.detect.Thresholds.WIDTH;

/**
 * A still analysis picture ({@value Thresholds#WIDTH}×{@value Thresholds#HEIGHT} grey levels) with
 * the blocks that moved while it was on screen. Comparisons leave out both pictures' moving
 * blocks.
 */
final class Picture {
    private static final int BG_COLUMNS = (WIDTH + BACKGROUND_BLOCK - 1) / BACKGROUND_BLOCK;
    private static final int BG_ROWS = (HEIGHT + BACKGROUND_BLOCK - 1) / BACKGROUND_BLOCK;

    final byte[] grey;
    final Mask moving;
    private int[] background;
    private int ink = -1;

    Picture(byte[] grey, Mask moving) {
        this.grey = grey;
        this.moving = moving;
    }

    /** Pixels differing by more than {@link Thresholds#PIXEL_DELTA}, outside either's moving blocks. */
    int difference(Picture other) {
        return difference(grey, other.grey, moving.union(other.moving));
    }

    static int difference(byte[] a, byte[] b, Mask excluded) {
        int changed = 0;
        boolean none = excluded.isEmpty();
        for (int y = 0; y < HEIGHT; y++) {
            int row = y * WIDTH;
            for (int x = 0; x < WIDTH; x++) {
                int i = row + x;
                if (Math.abs((a[i] & 0xff) - (b[i] & 0xff)) > PIXEL_DELTA
                        && (none || !excluded.excludes(Mask.blockOf(x, y)))) {
                    changed++;
                }
            }
        }
        return changed;
    }

    /** Pixels standing out from their local background: text, drawings. */
    int ink() {
        if (ink < 0) {
            int[] bg = background();
            int n = 0;
            for (int y = 0; y < HEIGHT; y++) {
                for (int x = 0; x < WIDTH; x++) {
                    int i = y * WIDTH + x;
                    if (Math.abs((grey[i] & 0xff) - bg[bgBlock(x, y)]) > PIXEL_DELTA
                            && !moving.excludes(Mask.blockOf(x, y))) {
                        n++;
                    }
                }
            }
            ink = n;
        }
        return ink;
    }

    /**
     * Whether {@code later} only adds to this picture, as a slide build does: nearly all of this
     * picture's ink is still there, and the changed pixels move away from the background (new
     * ink) rather than back to it (erased or replaced ink).
     */
    boolean isBuiltOnBy(Picture later) {
        return growth(later).isBuild();
    }

    /** How {@code later} differs from this picture, in pixels outside both's moving blocks. */
    record Growth(int ink, int inkKept, int changed, int erased) {
        boolean isBuild() {
            return ink > 0
                    && changed > 0
                    && inkKept >= Thresholds.BUILD_KEPT_INK * ink
                    && erased <= Thresholds.BUILD_MAX_ERASED * changed;
        }
    }

    Growth growth(Picture later) {
        int[] bg = background();
        Mask excluded = moving.union(later.moving);
        int inkHere = 0;
        int inkKept = 0;
        int changed = 0;
        int erased = 0;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                if (excluded.excludes(Mask.blockOf(x, y))) {
                    continue;
                }
                int i = y * WIDTH + x;
                int before = grey[i] & 0xff;
                int after = later.grey[i] & 0xff;
                int back = bg[bgBlock(x, y)];
                boolean isInk = Math.abs(before - back) > PIXEL_DELTA;
                boolean differs = Math.abs(before - after) > PIXEL_DELTA;
                if (isInk) {
                    inkHere++;
                    if (!differs) {
                        inkKept++;
                    }
                }
                if (differs) {
                    changed++;
                    if (Math.abs(after - back) < Math.abs(before - back)) {
                        erased++;
                    }
                }
            }
        }
        return new Growth(inkHere, inkKept, changed, erased);
    }

    private static int bgBlock(int x, int y) {
        return (y / BACKGROUND_BLOCK) * BG_COLUMNS + x / BACKGROUND_BLOCK;
    }

    /** The median grey of each background block: text is sparse, so the median is the page. */
    private int[] background() {
        if (background == null) {
            int[] medians = new int[BG_COLUMNS * BG_ROWS];
            int[] histogram = new int[256];
            for (int r = 0; r < BG_ROWS; r++) {
                for (int c = 0; c < BG_COLUMNS; c++) {
                    java.util.Arrays.fill(histogram, 0);
                    int count = 0;
                    for (int y = r * BACKGROUND_BLOCK;
                            y < Math.min(HEIGHT, (r + 1) * BACKGROUND_BLOCK);
                            y++) {
                        for (int x = c * BACKGROUND_BLOCK;
                                x < Math.min(WIDTH, (c + 1) * BACKGROUND_BLOCK);
                                x++) {
                            histogram[grey[y * WIDTH + x] & 0xff]++;
                            count++;
                        }
                    }
                    int seen = 0;
                    int level = 0;
                    while (level < 255 && (seen += histogram[level]) * 2 < count) {
                        level++;
                    }
                    medians[r * BG_COLUMNS + c] = level;
                }
            }
            background = medians;
        }
        return background;
    }
}
