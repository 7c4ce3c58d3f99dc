package dev.lectern.slides.detect;

import static dev.lectern.slides.detect.Thresholds.BLOCK;
import static dev.lectern.slides.detect.Thresholds.HEIGHT;
import static dev.lectern.slides.detect.Thresholds.WIDTH;

import java.util.Arrays;

/** Blocks of the analysis picture left out of comparisons because something keeps moving there. */
final class Mask {
    static final int COLUMNS = (WIDTH + BLOCK - 1) / BLOCK;
    static final int ROWS = (HEIGHT + BLOCK - 1) / BLOCK;

    static final Mask NONE = new Mask(new boolean[COLUMNS * ROWS]);

    private final boolean[] blocks;

    Mask(boolean[] blocks) {
        this.blocks = blocks;
    }

    static int blockOf(int x, int y) {
        return (y / BLOCK) * COLUMNS + x / BLOCK;
    }

    boolean excludes(int block) {
        return blocks[block];
    }

    boolean isEmpty() {
        for (boolean b : blocks) {
            if (b) {
                return false;
            }
        }
        return true;
    }

    int count() {
        int n = 0;
        for (boolean b : blocks) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    /** This mask grown by one block in every direction: a video's edge blocks move only partly. */
    Mask dilated() {
        if (isEmpty()) {
            return this;
        }
        boolean[] grown = new boolean[blocks.length];
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLUMNS; c++) {
                if (!blocks[r * COLUMNS + c]) {
                    continue;
                }
                for (int dr = -1; dr <= 1; dr++) {
                    for (int dc = -1; dc <= 1; dc++) {
                        int rr = r + dr;
                        int cc = c + dc;
                        if (rr >= 0 && rr < ROWS && cc >= 0 && cc < COLUMNS) {
                            grown[rr * COLUMNS + cc] = true;
                        }
                    }
                }
            }
        }
        return new Mask(grown);
    }

    Mask union(Mask other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        boolean[] both = Arrays.copyOf(blocks, blocks.length);
        for (int i = 0; i < both.length; i++) {
            both[i] |= other.blocks[i];
        }
        return new Mask(both);
    }
}
