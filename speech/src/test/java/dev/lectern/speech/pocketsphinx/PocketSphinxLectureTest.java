package dev.lectern.speech.pocketsphinx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lectern.speech.cue.Word;
import dev.lectern.speech.engine.CompilerLecture;
import dev.lectern.speech.engine.EngineAvailability;
import dev.lectern.speech.engine.LectureRecognizer;
import dev.lectern.speech.engine.LectureVocabulary;
import dev.lectern.speech.engine.SpeechEngine;
import dev.lectern.speech.engine.SpokenLecture;
import dev.lectern.speech.recognition.WordErrorRate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("PocketSphinx on a synthesised lecture")
class PocketSphinxLectureTest {

    @Test
    @DisplayName(
            "adapted to the lecture's title, description and glossary, it makes fewer errors than"
                    + " unadapted and finds most spoken glossary terms")
    void adaptationHelps(@TempDir Path dir) throws Exception {
        EngineAvailability availability = PocketSphinxEngine.locate();
        assumeTrue(availability.engine().isPresent(), availability.description());
        assumeTrue(SpokenLecture.espeakInstalled(), "espeak-ng is not installed");
        SpeechEngine engine = availability.engine().get();
        SpokenLecture lecture =
                SpokenLecture.synthesise(CompilerLecture.SENTENCES, dir.resolve("audio"));
        assertThat(lecture.seconds()).isGreaterThan(60);

        String unadapted =
                recognise(engine, LectureVocabulary.none("en"), lecture, dir.resolve("generic"));
        String adapted =
                recognise(engine, CompilerLecture.VOCABULARY, lecture, dir.resolve("adapted"));

        double unadaptedWer = WordErrorRate.of(lecture.text(), unadapted);
        double adaptedWer = WordErrorRate.of(lecture.text(), adapted);
        List<String> spoken = termsIn(lecture.text());
        List<String> found = termsIn(adapted);
        found.retainAll(spoken);
        System.out.printf(
                "PocketSphinx on %.1f s of espeak-ng %s speech: WER unadapted %.1f %%, adapted %.1f %%;"
                        + " glossary terms found %d of %d spoken (%s), unadapted %d%n"
                        + "unadapted: %s%nadapted:   %s%n",
                lecture.seconds(),
                SpokenLecture.VOICE,
                100 * unadaptedWer,
                100 * adaptedWer,
                found.size(),
                spoken.size(),
                found,
                termsIn(unadapted).stream().filter(spoken::contains).count(),
                unadapted,
                adapted);
        assertThat(spoken).hasSizeGreaterThanOrEqualTo(10);
        assertThat(adaptedWer).isLessThan(unadaptedWer);
        assertThat(found.size()).isGreaterThan(spoken.size() / 2);
    }

    private static String recognise(
            SpeechEngine engine, LectureVocabulary vocabulary, SpokenLecture lecture, Path workDir)
            throws Exception {
        LectureRecognizer recognizer = engine.prepare(vocabulary, workDir);
        String before = recognizer.state();
        List<Word> words = recognizer.recognize(lecture.pcm(), Duration.ofMinutes(3), () -> false);
        assertThat(words).isNotEmpty();
        assertThat(words.getLast().end()).isLessThanOrEqualTo(lecture.seconds() + 0.1);
        assertThat(recognizer.state())
                .as("the cepstral mean learnt on this chunk")
                .isNotEqualTo(before);
        return words.stream().map(Word::text).collect(Collectors.joining(" "));
    }

    /** The glossary terms whose words appear, in order and adjacent, in {@code text}. */
    private static List<String> termsIn(String text) {
        List<String> words = WordErrorRate.normalise(text);
        return CompilerLecture.VOCABULARY.glossary().stream()
                .filter(
                        term ->
                                Collections.indexOfSubList(words, WordErrorRate.normalise(term))
                                        >= 0)
                .collect(Collectors.toList());
    }
}
