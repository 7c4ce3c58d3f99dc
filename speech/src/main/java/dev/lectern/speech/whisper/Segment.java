package dev.lectern.speech.whisper;

import dev.lectern.speech.cue.Word;
import java.util.ArrayList;
import java.util.List;

/**
 * One stretch of text whisper.cpp timed, seconds from the chunk's start. whisper-jni exposes
 * segment times only, not token times, so each word gets a share of the segment proportional to
 * its letters: good to a fraction of a second within segments that are a few seconds long.
 */
record Segment(double start, double end, String text) {

    /** Parses a {@code start_ms TAB end_ms TAB text} line as {@link WhisperChunkMain} writes it. */
    static Segment parse(String line) {
        String[] parts = line.split("\t", 3);
        if (parts.length < 3) {
            throw new IllegalArgumentException("not a segment line: " + line);
        }
        return new Segment(
                Long.parseLong(parts[0]) / 1000.0, Long.parseLong(parts[1]) / 1000.0, parts[2]);
    }

    /** Its words, punctuation and casing kept, without markers such as {@code [BLANK_AUDIO]}. */
    List<Word> words() {
        List<String> tokens = new ArrayList<>();
        for (String token : text.strip().split("\\s+")) {
            boolean marker = token.startsWith("[") && token.endsWith("]");
            if (!token.isEmpty() && !marker) {
                tokens.add(token);
            }
        }
        double total = tokens.stream().mapToInt(Segment::weight).sum();
        double length = Math.max(0, end - start);
        List<Word> words = new ArrayList<>();
        double at = start;
        for (String token : tokens) {
            double share = length * weight(token) / total;
            words.add(new Word(token, at, at + share));
            at += share;
        }
        return words;
    }

    /** Letters and digits, at least one: what takes time to say. */
    private static int weight(String token) {
        return Math.max(1, (int) token.codePoints().filter(Character::isLetterOrDigit).count());
    }
}
