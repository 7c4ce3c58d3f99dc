package dev.lectern.speech.cue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.catalog.caption.Cue;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Readable cues from recognised words")
class CueBuilderTest {
    private static final String[] VOCABULARY = {
        "the", "pivot", "quicksort", "partitions", "array", "around", "a", "chosen", "element",
        "and", "recursion", "handles", "both", "halves", "which", "gives", "us", "an",
        "expected", "running", "time", "of", "n", "log", "comparisons", "amortized"
    };

    /** Speech at about 2.5 words a second, pauses between phrases and sentences, one long silence. */
    private static List<Word> lecture(int sentences, long seed) {
        Random random = new Random(seed);
        List<Word> words = new ArrayList<>();
        double t = 0.4;
        for (int s = 0; s < sentences; s++) {
            int length = 5 + random.nextInt(18);
            for (int w = 0; w < length; w++) {
                String text = VOCABULARY[random.nextInt(VOCABULARY.length)];
                if (w == length - 1) {
                    text += ".";
                } else if (random.nextInt(9) == 0) {
                    text += ",";
                }
                double duration = 0.12 + 0.05 * text.length() * random.nextDouble();
                words.add(new Word(text, t, t + duration));
                // Speakers breathe between phrases of three to six words.
                boolean phraseEnd = random.nextInt(4) == 0 || text.endsWith(",");
                t += duration + (phraseEnd ? 0.3 : 0.05) + 0.1 * random.nextDouble();
            }
            t += s == sentences / 2 ? 3.0 : 0.45 + 0.3 * random.nextDouble();
        }
        return words;
    }

    @Test
    @DisplayName("keep every word in order, in at most two lines of 42 characters, shown 1 to 7 s")
    void shapeRules() {
        for (long seed = 1; seed <= 20; seed++) {
            List<Word> words = lecture(40, seed);
            List<Cue> cues = CueBuilder.build(words);

            assertThat(
                            String.join(
                                    " ",
                                    cues.stream().map(c -> c.text().replace('\n', ' ')).toList()))
                    .isEqualTo(String.join(" ", words.stream().map(Word::text).toList()));
            for (int i = 0; i < cues.size(); i++) {
                Cue cue = cues.get(i);
                List<String> lines = cue.text().lines().toList();
                assertThat(lines).hasSizeBetween(1, 2);
                assertThat(lines).allMatch(l -> l.length() <= CueBuilder.LINE_CHARACTERS);
                double shown = cue.endSeconds() - cue.startSeconds();
                assertThat(shown).as("cue %d of seed %d", i, seed).isLessThanOrEqualTo(7.0);
                boolean roomForASecond =
                        i + 1 == cues.size()
                                || cues.get(i + 1).startSeconds() - cue.startSeconds() >= 1.0;
                if (roomForASecond) {
                    assertThat(shown)
                            .as("cue %d of seed %d", i, seed)
                            .isGreaterThanOrEqualTo(1.0 - 1e-9);
                }
                if (i + 1 < cues.size()) {
                    assertThat(cue.endSeconds())
                            .isLessThanOrEqualTo(cues.get(i + 1).startSeconds());
                }
            }
        }
    }

    @Test
    @DisplayName("never hold a caption over a long silence, and start each cue on its first word")
    void silence() {
        List<Word> words = lecture(10, 7);
        List<Cue> cues = CueBuilder.build(words);
        for (Cue cue : cues) {
            assertThat(words)
                    .as("starts on a word, to the millisecond")
                    .anyMatch(w -> Math.abs(w.start() - cue.startSeconds()) < 0.0006);
            List<Word> inside =
                    words.stream()
                            .filter(
                                    w ->
                                            w.start() >= cue.startSeconds() - 0.0006
                                                    && w.end() <= cue.endSeconds() + 0.0006)
                            .toList();
            for (int i = 1; i < inside.size(); i++) {
                assertThat(inside.get(i).start() - inside.get(i - 1).end())
                        .isLessThan(CueBuilder.SENTENCE_PAUSE_SECONDS);
            }
        }
        Cue beforeSilence =
                cues.stream()
                        .filter(
                                c ->
                                        words.stream()
                                                .anyMatch(
                                                        w ->
                                                                w.end() <= c.endSeconds()
                                                                        && words.stream()
                                                                                .anyMatch(
                                                                                        n ->
                                                                                                n
                                                                                                                        .start()
                                                                                                                >= w
                                                                                                                                .end()
                                                                                                                        + 2.9
                                                                                                        && n
                                                                                                                        .start()
                                                                                                                <= w
                                                                                                                                .end()
                                                                                                                        + 3.6)))
                        .reduce((a, b) -> b)
                        .orElseThrow();
        assertThat(beforeSilence.endSeconds() - beforeSilence.startSeconds())
                .isLessThanOrEqualTo(7.0);
    }

    @Test
    @DisplayName("cut at sentence ends and pauses, rarely mid-phrase")
    void sentenceEnds() {
        List<Word> words = lecture(60, 3);
        List<Cue> cues = CueBuilder.build(words);
        int atSentenceEnd = 0;
        int midPhrase = 0;
        for (int i = 0; i + 1 < cues.size(); i++) {
            Cue cue = cues.get(i);
            Word last =
                    words.stream()
                            .filter(
                                    w ->
                                            w.start() < cue.endSeconds()
                                                    && w.start() >= cue.startSeconds())
                            .reduce((a, b) -> b)
                            .orElseThrow();
            double gap = cues.get(i + 1).startSeconds() - last.end();
            if (last.endsSentence()) {
                atSentenceEnd++;
            } else if (!last.endsClause() && gap < 0.25) {
                midPhrase++;
            }
        }
        int boundaries = cues.size() - 1;
        assertThat((double) atSentenceEnd / boundaries)
                .as("cues that end with their sentence (long sentences need two or more)")
                .isGreaterThan(0.4);
        assertThat((double) midPhrase / boundaries).as("cues cut mid-phrase").isLessThan(0.2);
    }

    @Test
    @DisplayName("balance two lines, and keep a short cue on one line")
    void lineBreaks() {
        List<Word> words =
                List.of(
                        new Word("Quicksort", 0, 0.4),
                        new Word("partitions", 0.5, 0.9),
                        new Word("the", 1.0, 1.1),
                        new Word("array", 1.2, 1.5),
                        new Word("around", 1.6, 1.9),
                        new Word("a", 2.0, 2.05),
                        new Word("pivot", 2.1, 2.4),
                        new Word("element", 2.5, 2.8),
                        new Word("chosen", 2.9, 3.2),
                        new Word("at", 3.3, 3.4),
                        new Word("random.", 3.5, 3.9));
        assertThat(CueBuilder.lines(words.subList(0, 4)))
                .isEqualTo("Quicksort partitions the array");
        assertThat(CueBuilder.lines(words))
                .isEqualTo(
                        "Quicksort partitions the array around\na pivot element chosen at random.");
        assertThat(CueBuilder.build(words)).hasSize(1);
    }

    @Test
    @DisplayName("end a cue at a pause the audio shows even where a stretched word hides it")
    void audioPauses() {
        List<Word> words =
                List.of(
                        new Word("they", 0.0, 0.3),
                        new Word("agree", 0.35, 1.3),
                        new Word("next", 1.32, 1.6),
                        new Word("week", 1.65, 2.0));
        assertThat(CueBuilder.build(words)).hasSize(1);
        List<Cue> cues =
                CueBuilder.build(words, List.of(new dev.lectern.speech.audio.Pause(0.9, 1.3)));
        assertThat(cues).extracting(Cue::text).containsExactly("they agree", "next week");
        assertThat(cues.get(1).startSeconds()).isEqualTo(1.32);
    }
}
