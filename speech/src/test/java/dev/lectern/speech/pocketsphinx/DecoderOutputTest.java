package dev.lectern.speech.pocketsphinx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.speech.cue.Word;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The decoder's output")
class DecoderOutputTest {

    @Test
    @DisplayName(
            "gives the words with their times, without silence and noise markers or"
                    + " alternate-pronunciation numbers")
    void parsesWordLines() {
        String output =
                """
                good morning everyone our quicksort
                <s> 0.000 0.020 0.995211
                good 0.030 0.640 0.935562
                morning 0.650 1.340 0.883456
                <sil> 1.490 1.770 0.995609
                [NOISE] 1.780 1.880 0.315741
                +SPN+ 1.890 1.900 0.315741
                everyone 1.910 2.120 0.244128
                our(3) 2.850 3.040 0.769180
                quicksort 20.080 20.740 0.992626
                </s> 20.750 20.760 1.000000
                one two three four
                """;

        assertThat(DecoderOutput.words(output))
                .containsExactly(
                        new Word("good", 0.03, 0.64),
                        new Word("morning", 0.65, 1.34),
                        new Word("everyone", 1.91, 2.12),
                        new Word("our", 2.85, 3.04),
                        new Word("quicksort", 20.08, 20.74));
    }
}
