package dev.lectern.speech.pocketsphinx.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lectern.speech.pocketsphinx.Installed;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The trie language model reader")
class TrieLanguageModelTest {

    @Test
    @DisplayName(
            "reads Debian's en-us.lm.bin with the counts its trie holds and the scores"
                    + " trie2arpa.py and sphinx_lm_eval agree on")
    void readsDebianModel() throws Exception {
        TrieLanguageModel model = TrieLanguageModel.read(Installed.pocketSphinx().languageModel());

        // the header claims 2,051,547 bigrams; the trie holds six fewer
        assertThat(model.unigramCount()).isEqualTo(72_547);
        assertThat(model.bigramCount()).isEqualTo(2_051_541);
        assertThat(model.trigramCount()).isEqualTo(1_669_625);

        assertThat(model.listedLog10("'bout").orElseThrow()).isCloseTo(-6.2831, within(1e-4));
        assertThat(model.listedLog10("sort").orElseThrow()).isCloseTo(-3.5731, within(1e-4));
        assertThat(model.listedLog10("compiler").orElseThrow()).isCloseTo(-6.1221, within(1e-4));
        assertThat(model.unigramBackoff[model.id("sort")] * TrieLanguageModel.LOG10_BASE)
                .isCloseTo(-1.6160, within(1e-4));
        assertThat(model.listedLog10("<s>", "'bout").orElseThrow())
                .isCloseTo(-6.1449, within(1e-4));
        assertThat(model.listedLog10("of", "the").orElseThrow()).isCloseTo(-0.6986, within(1e-4));
        assertThat(model.listedLog10("one", "of", "the").orElseThrow())
                .isCloseTo(-0.3058, within(1e-4));
        assertThat(model.listedLog10("merge", "sort")).isEmpty();
        assertThat(model.listedLog10("quicksort")).isEmpty();
    }
}
