package dev.lectern.speech.audio;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a long recording is cut for recognition: about every {@link #TARGET_SECONDS}, in the
 * longest pause of the last {@link #WINDOW_SECONDS} before that point, which never cuts a word.
 * Where the speaker did not pause, the cut is hard and the two chunks overlap by {@link
 * #OVERLAP_SECONDS}. About a minute is long enough that starting the recogniser (half a CPU
 * second) costs little, and short enough that a crash loses little (each chunk is a checkpoint).
 */
public final class ChunkPlan {
    public static final double TARGET_SECONDS = 60;
    public static final double WINDOW_SECONDS = 10;
    public static final double OVERLAP_SECONDS = 3;

    private ChunkPlan() {}

    public static List<Chunk> plan(double duration, List<Pause> pauses) {
        List<Chunk> chunks = new ArrayList<>();
        double start = 0;
        double keepFrom = 0;
        while (duration - start > TARGET_SECONDS + WINDOW_SECONDS) {
            double target = start + TARGET_SECONDS;
            Pause best = null;
            for (Pause pause : pauses) {
                double middle = pause.middle();
                if (middle > target - WINDOW_SECONDS
                        && middle <= target
                        && (best == null || pause.length() > best.length())) {
                    best = pause;
                }
            }
            if (best != null) {
                double cut = best.middle();
                chunks.add(new Chunk(chunks.size(), start, cut, keepFrom, cut));
                start = cut;
                keepFrom = cut;
            } else {
                double half = OVERLAP_SECONDS / 2;
                chunks.add(new Chunk(chunks.size(), start, target + half, keepFrom, target));
                start = target - half;
                keepFrom = target;
            }
        }
        chunks.add(new Chunk(chunks.size(), start, duration, keepFrom, Double.POSITIVE_INFINITY));
        return chunks;
    }
}
