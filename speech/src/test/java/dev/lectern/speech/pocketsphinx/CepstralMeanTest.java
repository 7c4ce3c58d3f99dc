package dev.lectern.speech.pocketsphinx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The cepstral mean carried between chunks")
class CepstralMeanTest {

    @Test
    @DisplayName("is the last update the decoder's log reports, written as feat.params wants it")
    void readsLastUpdate() {
        String log =
                """
                INFO: cmn_live.c(88): Update from < 41.00 -5.29 -0.12  5.09  2.48 -4.07 -1.37 -1.78 -5.08 -2.05 -6.45 -1.42  1.17 >
                INFO: cmn_live.c(105): Update to   < 60.22  1.26  3.47 16.14 -18.61  2.98 -23.71 -2.10 -7.16 -2.78  7.89 -9.75  9.67 >
                INFO: ngram_search.c(459): Resized backpointer table to 10000 entries
                INFO: cmn_live.c(105): Update to   < 61.24  0.01  3.78 18.07 -15.68  0.73 -28.16 -0.50 -4.82 -2.81  7.50 -10.66 10.57 >
                """;

        CepstralMean mean = CepstralMean.lastInLog(log).orElseThrow();

        assertThat(mean)
                .hasToString(
                        "61.24,0.01,3.78,18.07,-15.68,0.73,-28.16,-0.50,-4.82,-2.81,7.50,-10.66,10.57");
        assertThat(CepstralMean.parse(mean.toString())).isEqualTo(mean);
        assertThat(CepstralMean.lastInLog("INFO: nothing learnt")).isEmpty();
    }

    @Test
    @DisplayName("refuses a state that is not 13 numbers")
    void refusesGarbage() {
        assertThatThrownBy(() -> CepstralMean.parse("41.00,-5.29"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CepstralMean.parse("rm -rf /"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
