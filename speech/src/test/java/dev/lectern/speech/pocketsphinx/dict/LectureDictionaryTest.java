package dev.lectern.speech.pocketsphinx.dict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.speech.engine.LectureVocabulary;
import dev.lectern.speech.pocketsphinx.Installed;
import dev.lectern.speech.pocketsphinx.LectureText;
import dev.lectern.speech.pocketsphinx.PocketSphinxInstallation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A lecture's dictionary")
class LectureDictionaryTest {
    private static final LectureVocabulary NETWORKS =
            new LectureVocabulary(
                    "en",
                    "Heapsort meets TCP",
                    "Why Dijkstra's algorithm and NADH have nothing in common.",
                    List.of("quicksort", "latency", "primary"),
                    List.of());

    @Test
    @DisplayName(
            "adds the words CMU lacks with espeak-ng's pronunciation, spells short acronyms and"
                    + " adds espeak's variant of glossary words CMU has")
    void addsWithEspeak(@TempDir Path dir) throws Exception {
        PocketSphinxInstallation installation = Installed.pocketSphinxWithEspeak();
        PronouncingDictionary cmu = PronouncingDictionary.read(installation.dictionary());

        LectureDictionary dictionary =
                LectureDictionary.build(
                        LectureText.of(NETWORKS), cmu, installation.espeak().map(Espeak::new), dir);

        assertThat(dictionary.newWords()).contains("heapsort", "tcp", "quicksort", "nadh");
        assertThat(dictionary.added("quicksort")).containsExactly("K W IH K S AO R T");
        assertThat(dictionary.added("tcp")).containsExactly("T IY S IY P IY");
        // espeak reads NADH as a word; the spelled form comes second
        assertThat(dictionary.added("nadh")).hasSize(2).last().isEqualTo(cmu.spelled("NADH"));
        // espeak says "primary" otherwise than CMU, "latency" as CMU does
        assertThat(dictionary.added("primary")).hasSize(1);
        assertThat(cmu.pronunciations("primary"))
                .doesNotContain(dictionary.added("primary").getFirst());
        assertThat(dictionary.added("latency")).isEmpty();
        assertThat(dictionary.pronounceable("dijkstra")).isTrue();
        assertThat(dictionary.pronounceable("nothing")).isTrue();
        assertThat(dictionary.added("nothing")).isEmpty();

        Path file = dir.resolve("lecture.dict");
        dictionary.write(installation.dictionary(), file);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines)
                .contains(
                        "tcp T IY S IY P IY",
                        "nadh(2) " + cmu.spelled("NADH"),
                        "primary("
                                + (cmu.pronunciations("primary").size() + 1)
                                + ") "
                                + dictionary.added("primary").getFirst());
        assertThat(lines).hasSizeGreaterThan(134_000);
    }

    @Test
    @DisplayName(
            "without espeak-ng, pronounces a made-up word as two known words and spells the"
                    + " rest")
    void fallsBackWithoutEspeak(@TempDir Path dir) throws Exception {
        PronouncingDictionary cmu =
                PronouncingDictionary.read(Installed.pocketSphinx().dictionary());

        LectureDictionary dictionary =
                LectureDictionary.build(LectureText.of(NETWORKS), cmu, Optional.empty(), dir);

        assertThat(dictionary.added("heapsort")).containsExactly("HH IY P S AO R T");
        assertThat(dictionary.added("tcp")).containsExactly("T IY S IY P IY");
        assertThat(dictionary.added("dijkstra")).containsExactly(cmu.spelled("dijkstra"));
        assertThat(dictionary.added("latency")).isEmpty();
    }
}
