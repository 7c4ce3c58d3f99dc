package dev.lectern.speech.pocketsphinx.dict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.speech.pocketsphinx.Installed;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Pronunciations from espeak-ng")
class IpaToArpabetTest {

    @Test
    @DisplayName("map espeak-ng's IPA to ARPAbet, dropping stress and length marks")
    void mapsIpa() {
        assertThat(IpaToArpabet.phones("k w ˈɪ k s ɔːɹ t"))
                .contains(List.of("K", "W", "IH", "K", "S", "AO", "R", "T"));
        assertThat(IpaToArpabet.phones("d ˈeɪ k s t ɹ ə"))
                .contains(List.of("D", "EY", "K", "S", "T", "R", "AH"));
        assertThat(IpaToArpabet.phones("t ˌiː s ˌiː p ˈiː"))
                .contains(List.of("T", "IY", "S", "IY", "P", "IY"));
        assertThat(IpaToArpabet.phones("b ˈʌ ɾ ɚ")).contains(List.of("B", "AH", "T", "ER"));
        assertThat(IpaToArpabet.phones("ˈ ")).isEmpty();
    }

    @Test
    @DisplayName(
            "pronounce quicksort and Dijkstra as words and TCP letter by letter, all in one"
                    + " espeak-ng run")
    void pronouncesWithEspeak(@TempDir Path dir) throws Exception {
        Espeak espeak = new Espeak(Installed.pocketSphinxWithEspeak().espeak().orElseThrow());

        Map<String, List<String>> phones =
                espeak.pronounce(List.of("quicksort", "Dijkstra", "TCP"), dir);

        assertThat(phones)
                .containsEntry("quicksort", List.of("K", "W", "IH", "K", "S", "AO", "R", "T"))
                .containsEntry("Dijkstra", List.of("D", "EY", "K", "S", "T", "R", "AH"))
                .containsEntry("TCP", List.of("T", "IY", "S", "IY", "P", "IY"));
        assertThat(dir).isEmptyDirectory();
    }
}
