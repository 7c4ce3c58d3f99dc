package dev.lectern.speech.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Word error rate")
class WordErrorRateTest {

    @Test
    @DisplayName("counts substitutions, deletions and insertions over the reference's words")
    void counts() {
        assertThat(WordErrorRate.of("the quick brown fox", "the quick brown fox")).isZero();
        assertThat(WordErrorRate.of("the quick brown fox", "the quack brown fox"))
                .isCloseTo(0.25, within(1e-9));
        assertThat(WordErrorRate.of("the quick brown fox", "the brown fox"))
                .isCloseTo(0.25, within(1e-9));
        assertThat(WordErrorRate.of("the quick brown fox", "the very quick brown fox jumps"))
                .isCloseTo(0.5, within(1e-9));
        assertThat(WordErrorRate.of("a b", "c d e f")).isCloseTo(2.0, within(1e-9));
    }

    @Test
    @DisplayName("ignores case and punctuation but keeps apostrophes inside words")
    void normalises() {
        assertThat(
                        WordErrorRate.of(
                                "Quicksort's pivot, chosen well.", "quicksort's PIVOT chosen well"))
                .isZero();
        assertThat(WordErrorRate.normalise("'Tis the sorts' end — n log n."))
                .containsExactly("tis", "the", "sorts", "end", "n", "log", "n");
    }
}
