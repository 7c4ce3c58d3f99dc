package dev.lectern.speech.cue;

import dev.lectern.catalog.caption.Cue;
import dev.lectern.speech.audio.Pause;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns recognised words into captions people can read: at most two lines of 42 characters, shown
 * for 1 to 7 seconds, cut where the speaker pauses or a sentence ends, and never spanning a pause
 * of {@link #SENTENCE_PAUSE_SECONDS} or more. The cuts are chosen for the whole lecture at once (a
 * shortest path over the possible cues), so one awkward break does not push every later cue off
 * its phrase.
 */
public final class CueBuilder {
    /** Characters per line; the common broadcast and WCAG-guidance figure. */
    public static final int LINE_CHARACTERS = 42;

    public static final int MAX_LINES = 2;
    public static final double MIN_SECONDS = 1.0;
    public static final double MAX_SECONDS = 7.0;

    /**
     * A pause this long always ends a cue: it is where a sentence or a thought ends, which an
     * engine that writes no punctuation (PocketSphinx) shows only by the pause, and a caption must
     * not stay up over the silence.
     */
    public static final double SENTENCE_PAUSE_SECONDS = 0.7;

    private static final double PER_CUE = 1.0;
    private static final double SENTENCE_END = 0.0;
    private static final double CLEAR_PAUSE = 0.2;
    private static final double CLAUSE_OR_SHORT_PAUSE = 0.6;
    private static final double MID_PHRASE = 1.5;
    private static final double TOO_SHORT = 2.0;

    private CueBuilder() {}

    public static List<Cue> build(List<Word> words) {
        return build(words, List.of());
    }

    /**
     * As {@link #build(List)}, also ending a cue at each of {@code pauses} (silence the audio
     * analysis found) that falls between two words: a recogniser may stretch the word before a
     * pause over most of the silence, so the words' times alone can hide where a sentence ended.
     */
    public static List<Cue> build(List<Word> words, List<Pause> pauses) {
        int n = words.size();
        boolean[] pauseBefore = pausesBefore(words, pauses);
        double[] best = new double[n + 1];
        int[] from = new int[n + 1];
        java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
        best[0] = 0;
        for (int start = 0; start < n; start++) {
            if (best[start] == Double.POSITIVE_INFINITY) {
                continue;
            }
            int characters = -1;
            for (int end = start + 1; end <= n; end++) {
                Word last = words.get(end - 1);
                characters += 1 + last.text().length();
                boolean single = end == start + 1;
                if (!single && (pauseBefore[end - 1] || !fits(words, start, end, characters))) {
                    break;
                }
                double cost = best[start] + cueCost(words, start, end) + breakCost(words, end);
                if (cost < best[end]) {
                    best[end] = cost;
                    from[end] = start;
                }
            }
        }
        List<int[]> spans = new ArrayList<>();
        for (int end = n; end > 0; end = from[end]) {
            spans.add(0, new int[] {from[end], end});
        }
        List<Cue> cues = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            int[] span = spans.get(i);
            double start = words.get(span[0]).start();
            double spoken = words.get(span[1] - 1).end();
            double next =
                    i + 1 < spans.size()
                            ? words.get(spans.get(i + 1)[0]).start()
                            : Double.POSITIVE_INFINITY;
            double end = Math.min(Math.max(spoken, start + MIN_SECONDS), next);
            end = Math.min(end, Math.max(spoken, start + MAX_SECONDS));
            cues.add(
                    new Cue(
                            millis(start),
                            millis(end),
                            "",
                            lines(words.subList(span[0], span[1]))));
        }
        return cues;
    }

    /** Whether word {@code i} follows a long pause, by the words' times or the audio's. */
    private static boolean[] pausesBefore(List<Word> words, List<Pause> pauses) {
        boolean[] before = new boolean[words.size()];
        int p = 0;
        for (int i = 1; i < words.size(); i++) {
            Word previous = words.get(i - 1);
            Word word = words.get(i);
            before[i] = word.start() - previous.end() >= SENTENCE_PAUSE_SECONDS;
            while (p < pauses.size() && pauses.get(p).middle() <= previous.start()) {
                p++;
            }
            if (p < pauses.size() && pauses.get(p).middle() <= word.start()) {
                before[i] = true;
            }
        }
        return before;
    }

    /** WebVTT times have milliseconds. */
    private static double millis(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }

    /** Whether words [start, end) make one cue: readable length, duration, no long silence. */
    private static boolean fits(List<Word> words, int start, int end, int characters) {
        if (characters > LINE_CHARACTERS * MAX_LINES) {
            return false;
        }
        if (words.get(end - 1).end() - words.get(start).start() > MAX_SECONDS) {
            return false;
        }
        return lines(words.subList(start, end))
                .lines()
                .allMatch(l -> l.length() <= LINE_CHARACTERS);
    }

    private static double cueCost(List<Word> words, int start, int end) {
        double spoken = words.get(end - 1).end() - words.get(start).start();
        double nextStart = end < words.size() ? words.get(end).start() : Double.POSITIVE_INFINITY;
        boolean canShowLongEnough = nextStart - words.get(start).start() >= MIN_SECONDS;
        return PER_CUE + (spoken < MIN_SECONDS && !canShowLongEnough ? TOO_SHORT : 0);
    }

    /** What it costs to end a cue after word {@code end - 1}: nothing at a sentence end. */
    private static double breakCost(List<Word> words, int end) {
        if (end == words.size()) {
            return 0;
        }
        Word last = words.get(end - 1);
        double gap = words.get(end).start() - last.end();
        if (last.endsSentence()) {
            return SENTENCE_END;
        }
        if (gap >= 0.5) {
            return CLEAR_PAUSE;
        }
        if (last.endsClause() || gap >= 0.25) {
            return CLAUSE_OR_SHORT_PAUSE;
        }
        return MID_PHRASE;
    }

    /** One line when it fits, else two lines as even as the word boundaries allow. */
    static String lines(List<Word> words) {
        String oneLine = String.join(" ", words.stream().map(Word::text).toList());
        if (oneLine.length() <= LINE_CHARACTERS || words.size() == 1) {
            return oneLine;
        }
        int bestSplit = 1;
        int bestLongest = Integer.MAX_VALUE;
        int first = -1;
        for (int split = 1; split < words.size(); split++) {
            first += 1 + words.get(split - 1).text().length();
            int second = oneLine.length() - first - 1;
            int longest = Math.max(first, second);
            if (longest < bestLongest) {
                bestLongest = longest;
                bestSplit = split;
            }
        }
        return String.join(" ", words.subList(0, bestSplit).stream().map(Word::text).toList())
                + "\n"
                + String.join(
                        " ",
                        words.subList(bestSplit, words.size()).stream().map(Word::text).toList());
    }
}
