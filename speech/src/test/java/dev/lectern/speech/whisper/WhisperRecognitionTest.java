package dev.lectern.speech.whisper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lectern.speech.cue.Word;
import dev.lectern.speech.engine.CompilerLecture;
import dev.lectern.speech.engine.LectureRecognizer;
import dev.lectern.speech.engine.SpokenLecture;
import dev.lectern.speech.recognition.WordErrorRate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs only where {@code LECTERN_TEST_WHISPER_MODEL} names a model file (ggml-base.en.bin). */
@DisplayName("whisper.cpp on a synthesised lecture")
class WhisperRecognitionTest {
    static final String MODEL_VARIABLE = "LECTERN_TEST_WHISPER_MODEL";

    @Test
    @DisplayName("recognises most words, with punctuation and times in order, in a child JVM")
    void recognisesLecture(@TempDir Path dir) throws Exception {
        String modelPath = System.getenv(MODEL_VARIABLE);
        assumeTrue(
                modelPath != null && !modelPath.isBlank(),
                MODEL_VARIABLE
                        + " is not set: the whisper recognition test needs a model file such as"
                        + " ggml-base.en.bin (docs/captions.md says where to get one); skipped");
        assumeTrue(SpokenLecture.espeakInstalled(), "espeak-ng is not installed");
        WhisperEngine engine = new WhisperEngine(WhisperModel.check(Path.of(modelPath)), 1);
        SpokenLecture lecture =
                SpokenLecture.synthesise(CompilerLecture.SENTENCES, dir.resolve("audio"));

        LectureRecognizer recognizer =
                engine.prepare(CompilerLecture.VOCABULARY, dir.resolve("work"));
        long startedAt = System.nanoTime();
        List<Word> words = recognizer.recognize(lecture.pcm(), Duration.ofMinutes(20), () -> false);
        double seconds = (System.nanoTime() - startedAt) / 1e9;

        String text = words.stream().map(Word::text).collect(Collectors.joining(" "));
        double wer = WordErrorRate.of(lecture.text(), text);
        System.out.printf(
                "whisper.cpp %s on %.1f s of espeak-ng %s speech: WER %.1f %% in %.1f s wall%n%s%n",
                engine.model(), lecture.seconds(), SpokenLecture.VOICE, 100 * wer, seconds, text);
        assertThat(wer).isLessThan(0.35);
        assertThat(words).anyMatch(Word::endsSentence);
        for (int i = 1; i < words.size(); i++) {
            assertThat(words.get(i).start()).isGreaterThanOrEqualTo(words.get(i - 1).start());
        }
        assertThat(words.getLast().end()).isLessThanOrEqualTo(lecture.seconds() + 1);
        assertThat(recognizer.state()).isNotEmpty().endsWith(words.getLast().text());
    }
}
