package dev.lectern.slides.detect;

import static dev.lectern.slides.detect.Thresholds.BLOCK_CHANGED_PIXELS;
import static dev.lectern.slides.detect.Thresholds.HEIGHT;
import static dev.lectern.slides.detect.Thresholds.MAX_MOVING_SHARE;
import static dev.lectern.slides.detect.Thresholds.MEDIAN_FRAMES;
import static dev.lectern.slides.detect.Thresholds.MOVING_MIN;
import static dev.lectern.slides.detect.Thresholds.MOVING_WINDOW;
import static dev.lectern.slides.detect.Thresholds.PIXEL_DELTA;
import static dev.lectern.slides.detect.Thresholds.STILL_BLOCKS;
import static dev.lectern.slides.detect.Thresholds.WIDTH;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Turns the stream of small grey frames into runs of still picture. Each frame is first replaced
 * by the per-pixel median of the frames around it (a moving pointer disappears); blocks that keep
 * changing (a video inset, a webcam) are left out of every comparison; a frame belongs to the
 * current run while its block means differ from the run's first picture in at most {@link
 * Thresholds#STILL_BLOCKS} blocks. Runs shorter than {@link Thresholds#MIN_STILL_SECONDS} are
 * dropped, so what they showed counts as part of the change to the next.
 */
final class StillRuns {
    static final int FRAME_BYTES = WIDTH * HEIGHT;
    private static final int BLOCKS = Mask.COLUMNS * Mask.ROWS;

    /** Frames scoring this close to a run's best are as good to read; the middlemost is taken. */
    private static final int READ_SCORE_SLACK = 10;

    /**
     * A still run of frames {@code start..end} (frame n is at n / FPS seconds). {@code
     * transitionStart} is the first frame after the previous run; {@code changeStart} the first
     * frame from there on that differs from the previous run's picture in more than {@link
     * Thresholds#SAME_BLOCKS} blocks, where the change to this one began (a pointer coming to rest
     * just before a change does not move it earlier); {@code readFrame} the frame of the run least
     * disturbed by a pointer or a video.
     */
    record Run(
            int transitionStart,
            int changeStart,
            int start,
            int end,
            Picture picture,
            int readFrame,
            int readScore) {}

    private final int minFrames;
    private final List<Run> runs = new ArrayList<>();
    private final ArrayDeque<byte[]> window = new ArrayDeque<>();
    private final boolean[][] history = new boolean[MOVING_WINDOW][BLOCKS];
    private final int[] movingCounts = new int[BLOCKS];
    private int historyNext;
    private byte[] previousRaw;
    private int nextMedian;
    private int lastRunEnd = -1;

    /**
     * Block means of frames since the last run (those between runs and each attempted run's
     * first), to find where the change to the next one began; at most {@value #MAX_KEPT_FRAMES}.
     */
    private final ArrayDeque<Kept> sinceLastRun = new ArrayDeque<>();

    private record Kept(int frame, int[] means) {}

    /** 16 s: a longer gap is no transition ({@link Thresholds#MAX_TRANSITION_SECONDS}). */
    private static final int MAX_KEPT_FRAMES = 64;

    private int busyFrames;
    private int frames;

    private int candidateStart = -1;
    private int candidateEnd;
    private int[] candidateRef;
    private byte[] candidateLast;
    private int[] candidateLastMeans;
    private Mask candidateMask;
    private int[] readScores = new int[64];

    StillRuns(int minFrames) {
        this.minFrames = minFrames;
    }

    /** Takes the next frame ({@value #FRAME_BYTES} grey bytes, row by row). */
    void accept(byte[] raw) {
        if (previousRaw != null) {
            recordChanges(previousRaw, raw);
        } else {
            // The first frame stands in for the ones before it, so the median starts at frame 0.
            for (int i = 0; i < MEDIAN_FRAMES / 2; i++) {
                window.addLast(raw);
            }
        }
        previousRaw = raw;
        frames++;
        window.addLast(raw);
        if (window.size() == MEDIAN_FRAMES) {
            analyse();
        }
    }

    /** Ends the stream: the last frames are analysed and the open run is closed. */
    List<Run> finish() {
        if (previousRaw != null) {
            // The last frame stands in for the ones after it.
            while (nextMedian < frames) {
                while (window.size() < MEDIAN_FRAMES) {
                    window.addLast(previousRaw);
                }
                analyse();
            }
        }
        closeCandidate();
        return runs;
    }

    int frames() {
        return frames;
    }

    /** Frames in which most of the picture kept moving (camera footage, a full-screen video). */
    int busyFrames() {
        return busyFrames;
    }

    private void recordChanges(byte[] before, byte[] after) {
        int[] changedPixels = new int[BLOCKS];
        for (int y = 0; y < HEIGHT; y++) {
            int row = y * WIDTH;
            for (int x = 0; x < WIDTH; x++) {
                if (Math.abs((before[row + x] & 0xff) - (after[row + x] & 0xff)) > PIXEL_DELTA) {
                    changedPixels[Mask.blockOf(x, y)]++;
                }
            }
        }
        boolean[] slot = history[historyNext];
        for (int b = 0; b < BLOCKS; b++) {
            boolean changed = changedPixels[b] >= BLOCK_CHANGED_PIXELS;
            movingCounts[b] += (changed ? 1 : 0) - (slot[b] ? 1 : 0);
            slot[b] = changed;
        }
        historyNext = (historyNext + 1) % MOVING_WINDOW;
    }

    private Mask movingNow() {
        boolean[] moving = new boolean[BLOCKS];
        for (int b = 0; b < BLOCKS; b++) {
            moving[b] = movingCounts[b] >= MOVING_MIN;
        }
        return new Mask(moving);
    }

    private void analyse() {
        int frame = nextMedian++;
        byte[] centre = centreOf(window);
        byte[] median = median(window);
        int[] means = Picture.means(median);
        window.removeFirst();
        Mask moving = movingNow();
        if (moving.count() > MAX_MOVING_SHARE * BLOCKS) {
            busyFrames++;
            closeCandidate();
            keep(frame, means);
            return;
        }
        Mask excluded = moving.dilated();
        if (candidateStart >= 0) {
            Mask both = candidateMask.union(excluded);
            if (both.count() <= MAX_MOVING_SHARE * BLOCKS
                    && Picture.changedBlocks(means, candidateRef, both) <= STILL_BLOCKS) {
                candidateEnd = frame;
                candidateLast = median;
                candidateLastMeans = means;
                candidateMask = both;
                considerForReading(frame, centre, median, excluded);
                return;
            }
            closeCandidate();
        }
        keep(frame, means);
        candidateStart = frame;
        candidateEnd = frame;
        candidateRef = means;
        candidateLast = median;
        candidateLastMeans = means;
        candidateMask = excluded;
        considerForReading(frame, centre, median, excluded);
    }

    /**
     * Scores a frame for reading: how far it is from the run's pointer-free median, and how much
     * moving area is over it, so the text is not hidden.
     */
    private void considerForReading(int frame, byte[] raw, byte[] median, Mask excluded) {
        int index = frame - candidateStart;
        if (index >= readScores.length) {
            readScores = java.util.Arrays.copyOf(readScores, readScores.length * 2);
        }
        readScores[index] =
                Picture.pixelDifference(raw, median)
                        + excluded.count() * Thresholds.BLOCK * Thresholds.BLOCK;
    }

    /**
     * Among the run's best-scored frames, the one nearest its middle: away from its ends, where
     * the full-size picture may already be changing.
     */
    private int readIndex(int length) {
        int best = Integer.MAX_VALUE;
        for (int i = 0; i < length; i++) {
            best = Math.min(best, readScores[i]);
        }
        int chosen = 0;
        double middle = (length - 1) / 2.0;
        for (int i = 0; i < length; i++) {
            if (readScores[i] <= best + READ_SCORE_SLACK
                    && Math.abs(i - middle) < Math.abs(chosen - middle)) {
                chosen = i;
            }
        }
        return chosen;
    }

    private void keep(int frame, int[] means) {
        sinceLastRun.addLast(new Kept(frame, means));
        if (sinceLastRun.size() > MAX_KEPT_FRAMES) {
            sinceLastRun.removeFirst();
        }
    }

    /**
     * The first frame after the previous run that is no longer its picture (of the frames kept:
     * those between runs and the first of each attempted run).
     */
    private int changeStart() {
        if (runs.isEmpty()) {
            return lastRunEnd + 1;
        }
        Picture previous = runs.getLast().picture();
        Mask excluded = previous.moving.union(candidateMask);
        for (Kept kept : sinceLastRun) {
            if (kept.frame() > lastRunEnd
                    && kept.frame() <= candidateStart
                    && Picture.changedBlocks(previous.means(), kept.means(), excluded)
                            > Thresholds.SAME_BLOCKS) {
                return kept.frame();
            }
        }
        return candidateStart;
    }

    private void closeCandidate() {
        int length = candidateEnd - candidateStart + 1;
        if (candidateStart >= 0 && length >= minFrames) {
            int read = readIndex(length);
            int changeStart = changeStart();
            sinceLastRun.clear();
            runs.add(
                    new Run(
                            lastRunEnd + 1,
                            changeStart,
                            candidateStart,
                            candidateEnd,
                            new Picture(candidateLast, candidateMask, candidateLastMeans),
                            candidateStart + read,
                            readScores[read]));
            lastRunEnd = candidateEnd;
        }
        candidateStart = -1;
    }

    private static byte[] centreOf(ArrayDeque<byte[]> frames) {
        Iterator<byte[]> it = frames.iterator();
        for (int i = 0; i < MEDIAN_FRAMES / 2; i++) {
            it.next();
        }
        return it.next();
    }

    /** The per-pixel median of five frames. */
    static byte[] median(ArrayDeque<byte[]> frames) {
        Iterator<byte[]> it = frames.iterator();
        byte[] a = it.next();
        byte[] b = it.next();
        byte[] c = it.next();
        byte[] d = it.next();
        byte[] e = it.next();
        byte[] out = new byte[FRAME_BYTES];
        for (int i = 0; i < FRAME_BYTES; i++) {
            out[i] =
                    (byte) median5(a[i] & 0xff, b[i] & 0xff, c[i] & 0xff, d[i] & 0xff, e[i] & 0xff);
        }
        return out;
    }

    /** The third smallest of five values, with six comparisons. */
    static int median5(int a, int b, int c, int d, int e) {
        int t;
        if (a > b) {
            t = a;
            a = b;
            b = t;
        }
        if (c > d) {
            t = c;
            c = d;
            d = t;
        }
        if (a > c) {
            // Swap the pairs so that a is the smallest of the four; it cannot be the median.
            t = a;
            a = c;
            c = t;
            t = b;
            b = d;
            d = t;
        }
        if (e < b) {
            t = b;
            b = e;
            e = t;
        }
        // The median of the five is now the second smallest of the pairs (b ≤ e) and (c ≤ d).
        return b < c ? Math.min(e, c) : Math.min(b, d);
    }
}
