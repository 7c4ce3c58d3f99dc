package dev.lectern.speech.engine;

import dev.lectern.speech.cue.Word;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** A recogniser adapted to one lecture; recognises its audio one chunk at a time. */
public interface LectureRecognizer {

    /**
     * Recognises one chunk of 16 kHz mono signed 16-bit little-endian PCM (raw, no header). Word
     * times are seconds from the chunk's start. Blocking: the engine runs as a child process
     * under {@code nice}, killed with its children when {@code stopRequested} turns true (polled
     * a few times a second) or after {@code timeLimit}.
     *
     * @throws RecognitionException when the engine failed on this chunk (its exit code and the
     *     end of its log, never the audio)
     */
    List<Word> recognize(Path pcm, Duration timeLimit, BooleanSupplier stopRequested)
            throws IOException, RecognitionException;

    /**
     * What the recogniser carries from one chunk into the next (PocketSphinx: the speaker's
     * cepstral mean, which it would otherwise relearn at every chunk), as text to checkpoint with
     * the words of the chunk just recognised; empty when the engine carries nothing.
     */
    default String state() {
        return "";
    }

    /**
     * Continues from a state checkpointed after an earlier chunk, before recognising the next
     * chunk of a resumed job. An empty state starts afresh.
     *
     * @throws IllegalArgumentException when {@code state} is not one this engine wrote
     */
    default void restore(String state) {}
}
