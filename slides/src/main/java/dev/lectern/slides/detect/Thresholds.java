package dev.lectern.slides.detect;

/**
 * Every number slide detection decides with, in one place. They were chosen on the generated test
 * decks and the benchmark's screencast (docs/slides.md says how); pixels and blocks are those of
 * the {@value #WIDTH}×{@value #HEIGHT} grey picture the detector works on.
 */
public final class Thresholds {
    private Thresholds() {}

    /** The analysis picture: small enough to cost nothing, large enough to see one line of text. */
    public static final int WIDTH = 320;

    public static final int HEIGHT = 180;

    /** Pictures per second of video looked at: a change is placed within a quarter second. */
    public static final int FPS = 4;

    /** Grey levels (of 255) a pixel must move to count as changed; coding noise stays below. */
    public static final int PIXEL_DELTA = 14;

    /**
     * Each analysed picture is the per-pixel median of this many consecutive frames, so a pointer
     * that moves is gone from it and a change that stays is there after half the window.
     */
    public static final int MEDIAN_FRAMES = 5;

    /**
     * Side of the square blocks pictures are compared by (their mean grey) and the moving-region
     * mask is made of.
     */
    public static final int BLOCK = 8;

    /**
     * Grey levels a block's mean must move to count as changed: a new line of text moves it by 15
     * or more, a low-bitrate rung's coding noise by 3 at most.
     */
    public static final int BLOCK_DELTA = 6;

    /** Changed pixels that make a block count as changed between two frames. */
    public static final int BLOCK_CHANGED_PIXELS = 3;

    /** Frames of history the moving-region mask looks at (two seconds). */
    public static final int MOVING_WINDOW = 8;

    /** A block that changed in at least this many of the window's frames keeps moving (a video). */
    public static final int MOVING_MIN = 4;

    /** Above this share of the picture moving, nothing is still: camera footage, a full video. */
    public static final double MAX_MOVING_SHARE = 0.25;

    /**
     * A picture differing from the start of its still run in at most this many blocks (outside
     * moving regions) still belongs to it: a pointer the median left, coding noise.
     */
    public static final int STILL_BLOCKS = 2;

    /** Seconds a picture must stay still to be a slide; shorter appearances merge into the next. */
    public static final double MIN_STILL_SECONDS = 1.5;

    /** A gap between still pictures longer than this is not a transition but other content. */
    public static final double MAX_TRANSITION_SECONDS = 4;

    /** Two still pictures differing in at most this many blocks show the same slide. */
    public static final int SAME_BLOCKS = 4;

    /** A picture this close (in blocks) to an earlier slide's picture is that slide again. */
    public static final int REVISIT_BLOCKS = 8;

    /** A picture with fewer blocks of ink than this is blank (a black screen), not a slide. */
    public static final int MIN_INK_BLOCKS = 6;

    /** Side of the blocks whose median grey is taken as a picture's local background. */
    public static final int BACKGROUND_BLOCK = 16;

    /** A build keeps at least this share of the earlier picture's inked blocks unchanged, */
    public static final double BUILD_KEPT_INK = 0.8;

    /** at most this share of its changed blocks move back towards the background, */
    public static final double BUILD_MAX_ERASED = 0.1;

    /** and changes at most this share of the picture (a new theme changes nearly all of it). */
    public static final double BUILD_MAX_CHANGED = 0.4;
}
