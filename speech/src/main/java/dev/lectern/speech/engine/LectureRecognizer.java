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
}
