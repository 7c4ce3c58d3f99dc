package dev.lectern.speech.pocketsphinx.lm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The generic model and the lecture's own word distribution, linearly interpolated with weight λ:
 *
 * <ul>
 *   <li>unigrams: P'(w) = (1-λ)·P_G(w) + λ·P_L(w); words new to the model get λ·P_L(w), or the
 *       probability of a rare word when they are function words (P_L covers content words only);
 *   <li>bigrams: for every history h of a lecture bigram, P'(w|h) = (1-λ)·P_G(w|h) + λ·P_L(w|h):
 *       each listed bigram of h is scaled and the lecture's own are added, where P_G(w|h) backs
 *       off to bo(h)·P_G(w) when h w is not listed.
 * </ul>
 *
 * <p>Nothing is discounted: the generic model already holds the smoothed mass. Backoff weights
 * are renormalised in ratio form, bo'(h) = bo(h) · (1-S'num)/(1-Snum) · (1-Sden)/(1-S'den), where
 * Snum is the sum of the listed P(w|h) and Sden the sum of P(w) over the same words, so that each
 * P'(·|h) sums to what it summed to before, the generic model's quantisation error included.
 * Trigrams are kept.
 *
 * <p>The research prototype mixed only the lecture's own unigrams and bigrams into the generic
 * ones; its unigrams then summed to 1.5 and most lecture contexts to more than one, which no
 * backoff can renormalise. Interpolating whole distributions measured the same (mean word error
 * rate 59.6 % against 59.8 % over six synthesised lectures, glossary terms found 62 of 74 both,
 * differences within the ±3 points that a 1 ms shift of the audio causes) and is a proper model.
 *
 * <p>Only the changes are held; {@link ArpaWriter} writes them over the generic model.
 */
public final class LectureLanguageModel {
    static final double LOG10_BASE = TrieLanguageModel.LOG10_BASE;

    /** log10 probability of a new function word: a rare word, so it is there but not pushed. */
    static final double RARE_WORD_LOG10 = -6.5;

    private static final double UNCHANGED = Double.NaN;

    final TrieLanguageModel generic;

    /** New words, numbered after the generic model's. */
    final List<String> newWords = new ArrayList<>();

    /** log10 P'(w) for every word, NaN where unchanged. */
    final double[] unigramLog10;

    /** log10 bo'(h) for every word, NaN where unchanged. */
    final double[] backoffLog10;

    /** log10 P'(w|h) of every listed bigram, NaN where unchanged (floats: 8 MB, not 16). */
    final float[] bigramLog10;

    /** Bigrams the generic model lacks. */
    final List<NewBigram> newBigrams = new ArrayList<>();

    record NewBigram(int history, int word, double log10Prob) {}

    private final Map<String, Integer> newIds = new HashMap<>();
    private final double[] genericUnigram;
    private final double[] unigram;

    /** P_G of each quantisation bin of bigram probabilities. */
    private final double[] bigramBinProb;

    private LectureLanguageModel(
            TrieLanguageModel generic, LectureDistribution lecture, double lambda) {
        this.generic = generic;
        int known = generic.unigramCount();
        for (String word : lecture.words()) {
            if (generic.id(word) < 0) {
                newIds.put(word, known + newWords.size());
                newWords.add(word);
            }
        }
        int all = known + newWords.size();
        genericUnigram = new double[all];
        for (int id = 0; id < known; id++) {
            genericUnigram[id] = Math.pow(10, generic.unigramProb[id] * LOG10_BASE);
        }
        unigram = Arrays.copyOf(genericUnigram, all);
        unigramLog10 = filled(all);
        backoffLog10 = filled(all);
        bigramBinProb = new double[generic.bigramProbBins.length];
        for (int code = 0; code < bigramBinProb.length; code++) {
            bigramBinProb[code] = Math.pow(10, generic.bigramProbBins[code] * LOG10_BASE);
        }
        bigramLog10 = new float[generic.bigramCount()];
        Arrays.fill(bigramLog10, Float.NaN);

        mixUnigrams(lecture, lambda);
        mixBigrams(lecture, lambda);
        renormaliseBackoffs();
    }

    /** Mixes {@code lecture} into {@code generic} with weight {@code lambda} (0.5 measured best). */
    public static LectureLanguageModel adapt(
            TrieLanguageModel generic, LectureDistribution lecture, double lambda) {
        if (!(lambda > 0 && lambda < 1)) {
            throw new IllegalArgumentException("lambda must lie between 0 and 1: " + lambda);
        }
        return new LectureLanguageModel(generic, lecture, lambda);
    }

    public int unigramCount() {
        return generic.unigramCount() + newWords.size();
    }

    public int bigramCount() {
        return generic.bigramCount() + newBigrams.size();
    }

    String word(int id) {
        int known = generic.unigramCount();
        return id < known ? generic.words[id] : newWords.get(id - known);
    }

    private void mixUnigrams(LectureDistribution lecture, double lambda) {
        int known = generic.unigramCount();
        for (int id = known; id < unigram.length; id++) {
            Double lectureProb = lecture.unigrams().get(word(id));
            unigram[id] =
                    lectureProb == null ? Math.pow(10, RARE_WORD_LOG10) : lambda * lectureProb;
            unigramLog10[id] = Math.log10(unigram[id]);
            backoffLog10[id] = 0;
        }
        for (int id = 0; id < known; id++) {
            unigram[id] = (1 - lambda) * genericUnigram[id];
            unigramLog10[id] = Math.log10(unigram[id]);
        }
        lecture.unigrams()
                .forEach(
                        (word, lectureProb) -> {
                            int id = id(word);
                            if (id < known) {
                                unigram[id] =
                                        (1 - lambda) * genericUnigram[id] + lambda * lectureProb;
                                unigramLog10[id] = Math.log10(unigram[id]);
                            }
                        });
    }

    private void mixBigrams(LectureDistribution lecture, double lambda) {
        int known = generic.unigramCount();
        Map<Integer, Map<Integer, Double>> byHistory = new HashMap<>();
        lecture.bigrams()
                .forEach(
                        (pair, lectureProb) -> {
                            int space = pair.indexOf(' ');
                            byHistory
                                    .computeIfAbsent(
                                            id(pair.substring(0, space)), h -> new HashMap<>())
                                    .put(id(pair.substring(space + 1)), lectureProb);
                        });
        // every listed bigram of a lecture history takes its share (1-λ) of the generic mass
        for (int word = 0; word < known; word++) {
            for (int b = generic.firstBigram[word]; b < generic.firstBigram[word + 1]; b++) {
                Map<Integer, Double> lectureWords = byHistory.get(generic.bigramHistory[b]);
                if (lectureWords != null) {
                    double lectureProb = lectureWords.getOrDefault(word, 0.0);
                    bigramLog10[b] =
                            (float)
                                    Math.log10(
                                            (1 - lambda) * genericBigram(b) + lambda * lectureProb);
                }
            }
        }
        byHistory.forEach(
                (history, lectureWords) ->
                        lectureWords.forEach(
                                (word, lectureProb) -> {
                                    boolean bothKnown = history < known && word < known;
                                    if (bothKnown && generic.bigram(history, word) >= 0) {
                                        return;
                                    }
                                    double backedOff =
                                            bothKnown
                                                    ? Math.pow(
                                                            10,
                                                            (generic.unigramBackoff[history]
                                                                            + generic.unigramProb[
                                                                                    word])
                                                                    * LOG10_BASE)
                                                    : 0;
                                    double mixed = (1 - lambda) * backedOff + lambda * lectureProb;
                                    newBigrams.add(new NewBigram(history, word, Math.log10(mixed)));
                                }));
    }

    private void renormaliseBackoffs() {
        int all = unigram.length;
        double[] numeratorBefore = new double[all];
        double[] numeratorAfter = new double[all];
        double[] denominatorBefore = new double[all];
        double[] denominatorAfter = new double[all];
        for (int word = 0; word < generic.unigramCount(); word++) {
            for (int b = generic.firstBigram[word]; b < generic.firstBigram[word + 1]; b++) {
                int history = generic.bigramHistory[b];
                numeratorBefore[history] += genericBigram(b);
                numeratorAfter[history] +=
                        Double.isNaN(bigramLog10[b])
                                ? genericBigram(b)
                                : Math.pow(10, bigramLog10[b]);
                denominatorBefore[history] += genericUnigram[word];
                denominatorAfter[history] += unigram[word];
            }
        }
        for (NewBigram bigram : newBigrams) {
            numeratorAfter[bigram.history()] += Math.pow(10, bigram.log10Prob());
            denominatorAfter[bigram.history()] += unigram[bigram.word()];
        }
        for (int history = 0; history < all; history++) {
            double numBefore = 1 - numeratorBefore[history];
            double numAfter = 1 - numeratorAfter[history];
            double denBefore = 1 - denominatorBefore[history];
            double denAfter = 1 - denominatorAfter[history];
            if (numAfter == numBefore && denAfter == denBefore) {
                continue;
            }
            if (Math.min(Math.min(numBefore, numAfter), Math.min(denBefore, denAfter)) <= 1e-9) {
                continue; // listed words hold (almost) all the mass: nothing left to back off to
            }
            double backoff =
                    history < generic.unigramCount()
                            ? generic.unigramBackoff[history] * LOG10_BASE
                            : 0;
            backoffLog10[history] =
                    backoff + Math.log10(numAfter / numBefore) + Math.log10(denBefore / denAfter);
        }
    }

    private double genericBigram(int bigram) {
        return bigramBinProb[generic.bigramProbCode[bigram]];
    }

    private int id(String word) {
        int id = generic.id(word);
        return id >= 0 ? id : newIds.get(word);
    }

    private static double[] filled(int length) {
        double[] values = new double[length];
        Arrays.fill(values, UNCHANGED);
        return values;
    }
}
