package dev.lectern.speech.pocketsphinx.lm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The generic model with a lecture's words mixed in: P'(w) = (1-λ)·P_G(w) + λ·P_L(w) for the
 * lecture's content words, and the same mix for the lecture's bigrams, where P_G(w|h) is the
 * listed bigram or else backs off to bo(h)·P_G(w). Words new to the model get λ·P_L(w) (or the
 * probability of a rare word when they are function words). Nothing is discounted: the generic
 * model already holds the smoothed mass.
 *
 * <p>Backoff weights of the contexts whose listed bigrams changed are renormalised so that each
 * P'(·|h) still sums to what it summed to before, in ratio form: bo'(h) = bo(h) · (1-S'num)/(1-Snum)
 * · (1-Sden)/(1-S'den), where Snum is the sum of the listed P(w|h) and Sden the sum of P(w) over
 * the same words. The ratio keeps the generic model's own quantisation error, so contexts the
 * lecture does not touch are written exactly as they were. Trigrams are kept as they are.
 *
 * <p>Only the changes are held; {@link ArpaWriter} writes them over the generic model.
 */
public final class LectureLanguageModel {
    static final double LOG10_BASE = Math.log10(1.0001);

    /** log10 probability of a new function word: a rare word, so it is there but not pushed. */
    static final double RARE_WORD_LOG10 = -6.5;

    private static final double NO_CHANGE = Double.NaN;

    final TrieLanguageModel generic;

    /** New words, numbered after the generic model's. */
    final List<String> newWords = new ArrayList<>();

    /** log10 P'(w) for every word, NaN where unchanged. */
    final double[] unigramLog10;

    /** log10 bo'(h) for every word, NaN where unchanged. */
    final double[] backoffLog10;

    /** log10 P'(w|h) of listed bigrams the lecture changed, by bigram index. */
    final Map<Integer, Double> changedBigrams = new HashMap<>();

    /** Bigrams the generic model lacks: history id, word id, log10 P'(w|h). */
    final List<NewBigram> newBigrams = new ArrayList<>();

    record NewBigram(int history, int word, double log10Prob) {}

    private final Map<String, Integer> ids;
    private final double[] genericUnigram;
    private final double[] unigram;

    private LectureLanguageModel(
            TrieLanguageModel generic, LectureDistribution lecture, double lambda) {
        this.generic = generic;
        int known = generic.unigramCount();
        ids = new HashMap<>(known * 2);
        for (int id = 0; id < known; id++) {
            ids.put(generic.words[id], id);
        }
        for (String word : lecture.words()) {
            if (!ids.containsKey(word)) {
                ids.put(word, known + newWords.size());
                newWords.add(word);
            }
        }
        int all = known + newWords.size();
        genericUnigram = new double[all];
        for (int id = 0; id < known; id++) {
            genericUnigram[id] = Math.pow(10, generic.unigramProb[id] * LOG10_BASE);
        }
        unigram = Arrays.copyOf(genericUnigram, all);
        unigramLog10 = new double[all];
        Arrays.fill(unigramLog10, NO_CHANGE);
        backoffLog10 = new double[all];
        Arrays.fill(backoffLog10, NO_CHANGE);

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
        lecture.unigrams()
                .forEach(
                        (word, lectureProb) -> {
                            int id = ids.get(word);
                            if (id < known) {
                                unigram[id] =
                                        (1 - lambda) * genericUnigram[id] + lambda * lectureProb;
                                unigramLog10[id] = Math.log10(unigram[id]);
                            }
                        });
    }

    private void mixBigrams(LectureDistribution lecture, double lambda) {
        int known = generic.unigramCount();
        lecture.bigrams()
                .forEach(
                        (pair, lectureProb) -> {
                            int space = pair.indexOf(' ');
                            int history = ids.get(pair.substring(0, space));
                            int word = ids.get(pair.substring(space + 1));
                            int listed = history < known && word < known ? find(history, word) : -1;
                            double genericProb;
                            if (listed >= 0) {
                                genericProb = bigramProb(listed);
                            } else if (history < known && word < known) {
                                genericProb =
                                        Math.pow(
                                                10,
                                                (generic.unigramBackoff[history]
                                                                + generic.unigramProb[word])
                                                        * LOG10_BASE);
                            } else {
                                genericProb = 0;
                            }
                            double mixed = (1 - lambda) * genericProb + lambda * lectureProb;
                            if (listed >= 0) {
                                changedBigrams.put(listed, Math.log10(mixed));
                            } else {
                                newBigrams.add(new NewBigram(history, word, Math.log10(mixed)));
                            }
                        });
    }

    private void renormaliseBackoffs() {
        int all = unigram.length;
        double[] numeratorBefore = new double[all];
        double[] numeratorAfter = new double[all];
        double[] denominatorBefore = new double[all];
        double[] denominatorAfter = new double[all];
        double[] binProb = new double[generic.bigramProbBins.length];
        for (int code = 0; code < binProb.length; code++) {
            binProb[code] = Math.pow(10, generic.bigramProbBins[code] * LOG10_BASE);
        }
        for (int word = 0; word < generic.unigramCount(); word++) {
            for (int b = generic.firstBigram[word]; b < generic.firstBigram[word + 1]; b++) {
                int history = generic.bigramHistory[b];
                double before = binProb[generic.bigramProbCode[b]];
                Double changed = changedBigrams.get(b);
                numeratorBefore[history] += before;
                numeratorAfter[history] += changed == null ? before : Math.pow(10, changed);
                denominatorBefore[history] += genericUnigram[word];
                denominatorAfter[history] += unigram[word];
            }
        }
        for (NewBigram bigram : newBigrams) {
            numeratorAfter[bigram.history()] += Math.pow(10, bigram.log10Prob());
            denominatorAfter[bigram.history()] += unigram[bigram.word()];
        }
        for (int history = 0; history < all; history++) {
            if (numeratorAfter[history] == numeratorBefore[history]
                    && denominatorAfter[history] == denominatorBefore[history]) {
                continue;
            }
            double numeratorRatio = (1 - numeratorAfter[history]) / (1 - numeratorBefore[history]);
            double denominatorRatio =
                    (1 - denominatorBefore[history]) / (1 - denominatorAfter[history]);
            double[] terms = {
                1 - numeratorAfter[history],
                1 - numeratorBefore[history],
                1 - denominatorAfter[history],
                1 - denominatorBefore[history]
            };
            if (Arrays.stream(terms).anyMatch(t -> t <= 1e-6)) {
                continue; // a context whose listed words hold (almost) all the mass: keep it
            }
            double backoff =
                    history < generic.unigramCount()
                            ? generic.unigramBackoff[history] * LOG10_BASE
                            : 0;
            backoffLog10[history] =
                    backoff + Math.log10(numeratorRatio) + Math.log10(denominatorRatio);
        }
    }

    /** The listed bigram "history word", or -1. */
    private int find(int history, int word) {
        for (int b = generic.firstBigram[word]; b < generic.firstBigram[word + 1]; b++) {
            if (generic.bigramHistory[b] == history) {
                return b;
            }
        }
        return -1;
    }

    private double bigramProb(int bigram) {
        return Math.pow(10, generic.bigramProbBins[generic.bigramProbCode[bigram]] * LOG10_BASE);
    }
}
