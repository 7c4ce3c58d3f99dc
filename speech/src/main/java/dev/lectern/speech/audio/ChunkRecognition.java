package dev.lectern.speech.audio;

import dev.lectern.speech.cue.Word;
import dev.lectern.speech.engine.LectureRecognizer;
import dev.lectern.speech.engine.RecognitionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Recognises one chunk of a lecture's audio: cuts it out, runs the recogniser on it, and keeps
 * the words that start in the chunk's own part, on the lecture's clock. Blocking.
 */
public final class ChunkRecognition {
    /** Recognition is far slower than real time only on a starved machine; then give up. */
    static final double TIME_FACTOR = 10;

    private ChunkRecognition() {}

    public static List<Word> words(
            LectureRecognizer recognizer,
            SpeechAudio speech,
            Chunk chunk,
            Path workDir,
            BooleanSupplier stopRequested)
            throws IOException, RecognitionException {
        Path pcm = workDir.resolve(String.format("chunk-%05d.pcm", chunk.index()));
        double seconds = chunk.end() - chunk.start();
        Duration limit = Duration.ofSeconds(60 + Math.round(seconds * TIME_FACTOR));
        List<Word> heard;
        try {
            speech.slice(chunk.start(), chunk.end(), pcm);
            heard = recognizer.recognize(pcm, limit, stopRequested);
        } finally {
            Files.deleteIfExists(pcm);
        }
        List<Word> kept = new ArrayList<>(heard.size());
        for (Word word : heard) {
            double start = chunk.start() + word.start();
            if (chunk.keeps(start)) {
                kept.add(new Word(word.text(), start, chunk.start() + word.end()));
            }
        }
        return kept;
    }

    /** Every chunk in order, carrying the recogniser's state: what a lecture's job does. */
    public static List<Word> all(LectureRecognizer recognizer, SpeechAudio speech, Path workDir)
            throws IOException, RecognitionException {
        List<Word> words = new ArrayList<>();
        for (Chunk chunk : ChunkPlan.plan(speech.durationSeconds(), speech.pauses())) {
            words.addAll(words(recognizer, speech, chunk, workDir, () -> false));
        }
        return words;
    }
}
