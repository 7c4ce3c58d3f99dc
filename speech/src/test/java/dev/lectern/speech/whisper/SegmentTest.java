package dev.lectern.speech.whisper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lectern.speech.cue.Word;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A whisper segment")
class SegmentTest {

    @Test
    @DisplayName("shares its time among its words by their letters, keeping punctuation and case")
    void splitsIntoWords() {
        Segment segment = Segment.parse("1000\t3000\t The lexer cuts text.");

        List<Word> words = segment.words();

        assertThat(words).extracting(Word::text).containsExactly("The", "lexer", "cuts", "text.");
        assertThat(words.getFirst().start()).isEqualTo(1.0);
        assertThat(words.getLast().end()).isCloseTo(3.0, within(1e-9));
        // 3 + 5 + 4 + 4 letters over 2 s
        assertThat(words.get(1).end() - words.get(1).start()).isCloseTo(2.0 * 5 / 16, within(1e-9));
        assertThat(words.getLast().endsSentence()).isTrue();
    }

    @Test
    @DisplayName("drops whisper's markers such as [BLANK_AUDIO]")
    void dropsMarkers() {
        assertThat(Segment.parse("0\t2000\t[BLANK_AUDIO]").words()).isEmpty();
    }
}
