package dev.lectern.slides.detect;

import static dev.lectern.slides.detect.Thresholds.BACKGROUND_BLOCK;
import static dev.lectern.slides.detect.Thresholds.BLOCK;
import static dev.lectern.slides.detect.Thresholds.BLOCK_DELTA;
import static dev.lectern.slides.detect.Thresholds.HEIGHT;
import static dev.lectern.slides.detect.Thresholds.PIXEL_DELTA;
import static dev.lectern.slides.detect.Thresholds.WIDTH;

import java.util.Arrays;

/**
 * A still analysis picture ({@value Thresholds#WIDTH}×{@value Thresholds#HEIGHT} grey levels) with
 * the blocks that moved while it was on screen. Pictures are compared by the mean grey of their
 * {@value Thresholds#BLOCK}×{@value Thresholds#BLOCK} blocks: a line of text appearing or going
 * moves a block's mean by 15 levels or more, while the coding noise of a low-bitrate rung (a key
 * frame refreshing the picture, text sharpening after a change) moves thousands of pixels but
 * leaves the means within a few levels. Comparisons leave out both pictures' moving blocks.
 */
final class Picture {
    private static final int BG_COLUMNS = (WIDTH + BACKGROUND_BLOCK - 1) / BACKGROUND_BLOCK;
    private static final int BLOCKS = Mask.COLUMNS * Mask.ROWS;

    final byte[] grey;
    final Mask moving;
    private final int[] means;
    private int[] background;
    private int ink = -1;

    Picture(byte[] grey, Mask moving) {
        this(grey, moving, means(grey));
    }

    Picture(byte[] grey, Mask moving, int[] means) {
        this.grey = grey;
        this.moving = moving;
        this.means = means;
    }

    int[] means() {
        return means;
    }

    /** The mean grey of each block, row by row. */
    static int[] means(byte[] grey) {
        int[] sums = new int[BLOCKS];
        int[] counts = new int[BLOCKS];
        for (int y = 0; y < HEIGHT; y++) {
            int row = y * WIDTH;
            int blockRow = (y / BLOCK) * Mask.COLUMNS;
            for (int x = 0; x < WIDTH; x++) {
                sums[blockRow + x / BLOCK] += grey[row + x] & 0xff;
                counts[blockRow + x / BLOCK]++;
            }
        }
        for (int b = 0; b < BLOCKS; b++) {
            sums[b] = (sums[b] + counts[b] / 2) / counts[b];
        }
        return sums;
    }

    /** Blocks whose means differ by more than {@link Thresholds#BLOCK_DELTA}, outside excluded. */
    static int changedBlocks(int[] a, int[] b, Mask excluded) {
        int changed = 0;
        for (int i = 0; i < BLOCKS; i++) {
            if (Math.abs(a[i] - b[i]) > BLOCK_DELTA && !excluded.excludes(i)) {
                changed++;
            }
        }
        return changed;
    }

    /** Blocks that differ from {@code other}, outside either's moving blocks. */
    int difference(Picture other) {
        return changedBlocks(means, other.means, moving.union(other.moving));
    }

    /** Pixels differing by more than {@link Thresholds#PIXEL_DELTA} (a pointer in one of them). */
    static int pixelDifference(byte[] a, byte[] b) {
        int changed = 0;
        for (int i = 0; i < a.length; i++) {
            if (Math.abs((a[i] & 0xff) - (b[i] & 0xff)) > PIXEL_DELTA) {
                changed++;
            }
        }
        return changed;
    }

    /** Blocks standing out from their local background: text, drawings. */
    int ink() {
        if (ink < 0) {
            int[] bg = background();
            int n = 0;
            for (int i = 0; i < BLOCKS; i++) {
                if (Math.abs(means[i] - bg[i]) > BLOCK_DELTA && !moving.excludes(i)) {
                    n++;
                }
            }
            ink = n;
        }
        return ink;
    }

    /**
     * Whether {@code later} only adds to this picture, as a slide build does: most of this
     * picture's ink is still there, the changed blocks move away from the background (new ink)
     * rather than back to it (erased or replaced ink), and most of the page stays as it was.
     */
    boolean isBuiltOnBy(Picture later) {
        return growth(later).isBuild();
    }

    /** How {@code later} differs from this picture, in blocks outside both's moving blocks. */
    record Growth(int blocks, int ink, int inkKept, int changed, int erased) {
        boolean isBuild() {
            return ink > 0
                    && changed > 0
                    && changed <= Thresholds.BUILD_MAX_CHANGED * blocks
                    && inkKept >= Thresholds.BUILD_KEPT_INK * ink
                    && erased <= Thresholds.BUILD_MAX_ERASED * changed;
        }
    }

    Growth growth(Picture later) {
        int[] bg = background();
        Mask excluded = moving.union(later.moving);
        int blocks = 0;
        int inkHere = 0;
        int inkKept = 0;
        int changed = 0;
        int erased = 0;
        for (int i = 0; i < BLOCKS; i++) {
            if (excluded.excludes(i)) {
                continue;
            }
            blocks++;
            int before = means[i];
            int after = later.means[i];
            boolean isInk = Math.abs(before - bg[i]) > BLOCK_DELTA;
            boolean differs = Math.abs(before - after) > BLOCK_DELTA;
            if (isInk) {
                inkHere++;
                if (!differs) {
                    inkKept++;
                }
            }
            if (differs) {
                changed++;
                if (Math.abs(after - bg[i]) < Math.abs(before - bg[i])) {
                    erased++;
                }
            }
        }
        return new Growth(blocks, inkHere, inkKept, changed, erased);
    }

    /**
     * Each block's background: the median grey of the {@value Thresholds#BACKGROUND_BLOCK}-pixel
     * square around it. Text is sparse, so the median is the page (or the title band, or the
     * gradient where it is).
     */
    private int[] background() {
        if (background == null) {
            int bgRows = (HEIGHT + BACKGROUND_BLOCK - 1) / BACKGROUND_BLOCK;
            int[] medians = new int[BG_COLUMNS * bgRows];
            int[] histogram = new int[256];
            for (int r = 0; r < bgRows; r++) {
                for (int c = 0; c < BG_COLUMNS; c++) {
                    Arrays.fill(histogram, 0);
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
            int[] perBlock = new int[BLOCKS];
            for (int b = 0; b < BLOCKS; b++) {
                int x = (b % Mask.COLUMNS) * BLOCK;
                int y = (b / Mask.COLUMNS) * BLOCK;
                perBlock[b] = medians[(y / BACKGROUND_BLOCK) * BG_COLUMNS + x / BACKGROUND_BLOCK];
            }
            background = perBlock;
        }
        return background;
    }
}
