package dev.lectern.speech.pocketsphinx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.speech.engine.CompilerLecture;
import dev.lectern.speech.engine.EngineAvailability;
import dev.lectern.speech.engine.LectureRecognizer;
import dev.lectern.speech.engine.LectureVocabulary;
import dev.lectern.speech.engine.RecognitionException;
import dev.lectern.speech.engine.SpokenLecture;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The PocketSphinx engine")
class PocketSphinxEngineTest {

    @Test
    @DisplayName("is unavailable, saying what is missing, when the model is not installed")
    void unavailableWithoutModel(@TempDir Path dir) {
        EngineAvailability availability =
                PocketSphinxEngine.locate(dir.resolve("model"), List.of(dir));

        assertThat(availability.engine()).isEmpty();
        assertThat(availability.description())
                .contains("pocketsphinx_continuous", "en-us.lm.bin", "pocketsphinx-en-us");
    }

    @Test
    @DisplayName("speaks English only and marks its tracks as drafts")
    void describesItself() {
        Installed.pocketSphinx();
        var engine = PocketSphinxEngine.locate().engine().orElseThrow();

        assertThat(engine.name()).isEqualTo("pocketsphinx");
        assertThat(engine.draftsOnly()).isTrue();
        assertThat(engine.speaks("en-GB")).isTrue();
        assertThat(engine.speaks("de")).isFalse();
    }

    @Test
    @DisplayName(
            "kills the decoder when the job asks it to stop or it runs past its time limit, and"
                    + " reports a decoder failure with the end of its log")
    void stopsAndFails(@TempDir Path dir) throws Exception {
        Installed.pocketSphinxWithEspeak();
        // speech, which the decoder needs seconds for (it skips noise as silence at once)
        Path speech =
                SpokenLecture.synthesise(CompilerLecture.SENTENCES, dir.resolve("audio")).pcm();
        LectureRecognizer recognizer =
                PocketSphinxEngine.locate()
                        .engine()
                        .orElseThrow()
                        .prepare(LectureVocabulary.none("en"), dir.resolve("work"));
        long startedAt = System.nanoTime();

        assertThatThrownBy(
                        () ->
                                recognizer.recognize(
                                        speech,
                                        Duration.ofMinutes(5),
                                        () -> System.nanoTime() - startedAt > 500_000_000L))
                .isInstanceOf(RecognitionException.class)
                .hasMessageContaining("stopped");
        assertThat(Duration.ofNanos(System.nanoTime() - startedAt))
                .isLessThan(Duration.ofSeconds(5));
        assertThatThrownBy(() -> recognizer.recognize(speech, Duration.ofMillis(600), () -> false))
                .isInstanceOf(RecognitionException.class)
                .hasMessageContaining("ran longer than");
        assertThat(ProcessHandle.current().descendants())
                .noneMatch(p -> p.info().command().orElse("").contains("pocketsphinx"));

        assertThatThrownBy(
                        () ->
                                recognizer.recognize(
                                        dir.resolve("missing.pcm"),
                                        Duration.ofMinutes(1),
                                        () -> false))
                .isInstanceOf(NoSuchFileException.class);
        Files.delete(dir.resolve("work/hmm/mdef"));
        assertThatThrownBy(() -> recognizer.recognize(speech, Duration.ofMinutes(1), () -> false))
                .isInstanceOf(RecognitionException.class)
                .hasMessageContaining("exited with")
                .hasMessageContaining("mdef");
    }

    @Test
    @DisplayName(
            "prepares again in the folder of a crashed attempt, restores the state it checkpointed"
                    + " and refuses one it did not write")
    void restoresState(@TempDir Path dir) throws Exception {
        Installed.pocketSphinx();
        var engine = PocketSphinxEngine.locate().engine().orElseThrow();
        LectureVocabulary vocabulary =
                new LectureVocabulary("en", "Heapsort", "", List.of("quicksort"), List.of());
        engine.prepare(vocabulary, dir);
        LectureRecognizer recognizer = engine.prepare(vocabulary, dir);
        String initial = recognizer.state();
        String learnt =
                "60.22,1.26,3.47,16.14,-18.61,2.98,-23.71,-2.10,-7.16,-2.78,7.89,-9.75,9.67";

        recognizer.restore(learnt);
        assertThat(recognizer.state()).isEqualTo(learnt);
        recognizer.restore("");
        assertThat(recognizer.state()).isEqualTo(initial).startsWith("41.00,-5.29");
        assertThatThrownBy(() -> recognizer.restore("{\"mean\": 1}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
