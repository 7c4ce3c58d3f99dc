package dev.lectern.slides.deck;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How well found slide changes and read titles match the truth. */
public final class DeckScore {
    /** A change found within this many seconds of a true one counts as found. */
    public static final double TOLERANCE_SECONDS = 1.0;

    /** A title read this close (normalised edit distance) to the drawn one counts as right. */
    public static final double TITLE_DISTANCE = 0.1;

    /**
     * Changes matched one to one within the tolerance: found counts true changes found (recall is
     * found / expected), spurious counts found changes matching none.
     */
    public record Changes(int expected, int detected, int found, int spurious) {
        public double recall() {
            return expected == 0 ? 1 : (double) found / expected;
        }

        public double spuriousShare() {
            return detected == 0 ? 0 : (double) spurious / detected;
        }

        public double precision() {
            return detected == 0 ? 1 : (double) (detected - spurious) / detected;
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%d of %d changes found (recall %.1f %%), %d of %d detected spurious (%.1f %%)",
                    found,
                    expected,
                    100 * recall(),
                    spurious,
                    detected,
                    100 * spuriousShare());
        }
    }

    private DeckScore() {}

    public static Changes changes(List<Double> truth, List<Double> detected) {
        boolean[] used = new boolean[detected.size()];
        int found = 0;
        for (double t : truth) {
            int best = -1;
            double bestDistance = Double.MAX_VALUE;
            for (int i = 0; i < detected.size(); i++) {
                double distance = Math.abs(detected.get(i) - t);
                if (!used[i] && distance <= TOLERANCE_SECONDS && distance < bestDistance) {
                    best = i;
                    bestDistance = distance;
                }
            }
            if (best >= 0) {
                used[best] = true;
                found++;
            }
        }
        int spurious = 0;
        for (boolean u : used) {
            if (!u) {
                spurious++;
            }
        }
        return new Changes(truth.size(), detected.size(), found, spurious);
    }

    /** Index of the detected start matching {@code truth} within the tolerance, or -1. */
    public static int closest(double truth, List<Double> detected) {
        int best = -1;
        double bestDistance = TOLERANCE_SECONDS;
        for (int i = 0; i < detected.size(); i++) {
            double distance = Math.abs(detected.get(i) - truth);
            if (distance <= bestDistance) {
                best = i;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Lower case, punctuation and repeated spaces gone. */
    public static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    /** Levenshtein distance of the normalised texts over the longer one's length. */
    public static double titleDistance(String truth, String read) {
        String a = normalise(truth);
        String b = normalise(read);
        if (a.isEmpty() && b.isEmpty()) {
            return 0;
        }
        int[] previous = new int[b.length() + 1];
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                row[j] = Math.min(substitute, Math.min(previous[j] + 1, row[j - 1] + 1));
            }
            int[] swap = previous;
            previous = row;
            row = swap;
        }
        return (double) previous[b.length()] / Math.max(a.length(), b.length());
    }

    public static boolean titleMatches(String truth, String read) {
        return titleDistance(truth, read) <= TITLE_DISTANCE;
    }

    /** Starts of the found appearances but one at the very beginning (that is no change). */
    public static List<Double> changesOf(List<Double> starts) {
        List<Double> changes = new ArrayList<>(starts);
        if (!changes.isEmpty() && changes.getFirst() < TOLERANCE_SECONDS) {
            changes.removeFirst();
        }
        return changes;
    }
}
