package dev.lectern.speech.pocketsphinx.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lectern.infra.media.ProcessResult;
import dev.lectern.infra.media.ProcessRunner;
import dev.lectern.speech.engine.LectureVocabulary;
import dev.lectern.speech.pocketsphinx.Installed;
import dev.lectern.speech.pocketsphinx.LectureText;
import dev.lectern.speech.pocketsphinx.PocketSphinxInstallation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The lecture language model")
class LectureLanguageModelTest {
    private static PocketSphinxInstallation installation;
    private static TrieLanguageModel generic;
    private static LectureLanguageModel adapted;

    @BeforeAll
    static void adapt() throws Exception {
        installation = Installed.pocketSphinx();
        generic = TrieLanguageModel.read(installation.languageModel());
        LectureVocabulary sorting =
                new LectureVocabulary(
                        "en",
                        "Sorting algorithms",
                        "Quicksort against heapsort, and when a merge is cheaper.",
                        List.of("quicksort", "merge sort", "heapsort", "pivot"),
                        List.of());
        adapted =
                LectureLanguageModel.adapt(
                        generic, LectureDistribution.of(LectureText.of(sorting), w -> true), 0.5);
    }

    @Test
    @DisplayName("gives the lecture's words more probability and adds the words the model lacks")
    void boostsLectureWords() {
        assertThat(adapted.newWords).containsExactly("quicksort", "heapsort");
        assertThat(adapted.unigramLog10[generic.id("pivot")])
                .isGreaterThan(generic.listedLog10("pivot").orElseThrow() + 2);
        assertThat(adapted.unigramLog10[generic.id("the")])
                .isCloseTo(
                        generic.listedLog10("the").orElseThrow() + Math.log10(0.5), within(1e-6));
        assertThat(adapted.newBigrams)
                .anySatisfy(
                        b -> {
                            assertThat(adapted.word(b.history())).isEqualTo("merge");
                            assertThat(adapted.word(b.word())).isEqualTo("sort");
                        });
    }

    @Test
    @DisplayName(
            "renormalises backoff weights, so every context's distribution, whether the lecture"
                    + " added bigrams to it or not, still sums to what it summed to before")
    void keepsContextsNormalised() {
        for (String context : List.of("merge", "against", "algorithm", "zebra")) {
            int history = generic.id(context);
            double before = contextMass(history, false, false);
            double after = contextMass(history, true, true);
            double withoutRenormalising = contextMass(history, true, false);

            assertThat(before).as(context).isCloseTo(1.0, within(0.02));
            assertThat(after).as(context).isCloseTo(before, within(1e-3));
            assertThat(Math.abs(withoutRenormalising - before)).as(context).isGreaterThan(0.01);
        }
    }

    @Test
    @DisplayName(
            "written as ARPA, converted by sphinx_lm_convert and read back, holds every change"
                    + " and the generic model's trigrams")
    void roundTripsThroughSphinxLmConvert(@TempDir Path dir) throws Exception {
        Path arpa = dir.resolve("lecture.arpa");
        Path binary = dir.resolve("lecture.lm.bin");
        ArpaWriter.write(adapted, arpa);
        ProcessResult convert =
                ProcessRunner.run(
                        new ProcessBuilder(
                                installation.lmConvert().toString(),
                                "-i",
                                arpa.toString(),
                                "-o",
                                binary.toString()),
                        Duration.ofMinutes(2),
                        1 << 16);
        assertThat(convert.exitCode()).as(convert.stderrTail()).isZero();

        TrieLanguageModel back = TrieLanguageModel.read(binary);
        assertThat(back.unigramCount()).isEqualTo(generic.unigramCount() + 2);
        assertThat(back.bigramCount()).isEqualTo(adapted.bigramCount());
        assertThat(back.trigramCount()).isEqualTo(generic.trigramCount());
        int quicksort = generic.unigramCount();
        assertThat(back.listedLog10("quicksort").orElseThrow())
                .isCloseTo(adapted.unigramLog10[quicksort], within(1e-3));
        assertThat(back.listedLog10("pivot").orElseThrow())
                .isCloseTo(adapted.unigramLog10[generic.id("pivot")], within(1e-3));
        double mergeSort =
                adapted.newBigrams.stream()
                        .filter(b -> adapted.word(b.history()).equals("merge"))
                        .filter(b -> adapted.word(b.word()).equals("sort"))
                        .findFirst()
                        .orElseThrow()
                        .log10Prob();
        assertThat(back.listedLog10("merge", "sort").orElseThrow())
                .isCloseTo(mergeSort, within(0.01));
        assertThat(back.listedLog10("of", "the").orElseThrow())
                .isCloseTo(generic.listedLog10("of", "the").orElseThrow(), within(0.01));
        assertThat(back.listedLog10("one", "of", "the").orElseThrow())
                .isCloseTo(generic.listedLog10("one", "of", "the").orElseThrow(), within(0.01));
    }

    /**
     * Σ_w P(w | h) with backoff: the listed bigrams plus bo(h) times the unigram mass of every
     * other word.
     */
    private static double contextMass(int history, boolean lectureModel, boolean newBackoff) {
        int words = lectureModel ? adapted.unigramCount() : generic.unigramCount();
        double listed = 0;
        double listedUnigrams = 0;
        double allUnigrams = 0;
        for (int w = 0; w < words; w++) {
            allUnigrams += Math.pow(10, unigramLog10(w, lectureModel));
        }
        for (int w = 0; w < generic.unigramCount(); w++) {
            int b = generic.bigram(history, w);
            if (b >= 0) {
                double changed = lectureModel ? adapted.bigramLog10[b] : Double.NaN;
                listed +=
                        Math.pow(
                                10,
                                !Double.isNaN(changed)
                                        ? changed
                                        : generic.bigramProbBins[generic.bigramProbCode[b]]
                                                * TrieLanguageModel.LOG10_BASE);
                listedUnigrams += Math.pow(10, unigramLog10(w, lectureModel));
            }
        }
        if (lectureModel) {
            for (LectureLanguageModel.NewBigram b : adapted.newBigrams) {
                if (b.history() == history) {
                    listed += Math.pow(10, b.log10Prob());
                    listedUnigrams += Math.pow(10, unigramLog10(b.word(), true));
                }
            }
        }
        double backoff = generic.unigramBackoff[history] * TrieLanguageModel.LOG10_BASE;
        if (newBackoff && !Double.isNaN(adapted.backoffLog10[history])) {
            backoff = adapted.backoffLog10[history];
        }
        return listed + Math.pow(10, backoff) * (allUnigrams - listedUnigrams);
    }

    private static double unigramLog10(int word, boolean lectureModel) {
        if (lectureModel && !Double.isNaN(adapted.unigramLog10[word])) {
            return adapted.unigramLog10[word];
        }
        return generic.unigramProb[word] * TrieLanguageModel.LOG10_BASE;
    }
}
