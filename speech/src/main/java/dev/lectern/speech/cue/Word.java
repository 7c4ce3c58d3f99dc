package dev.lectern.speech.cue;

/**
 * One recognised word and when it is spoken, in seconds from the start of the lecture. {@code
 * text} keeps the engine's casing and any punctuation attached to it ("sort." ends a sentence).
 */
public record Word(String text, double start, double end) {
    public Word {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a word needs text");
        }
        if (!(end >= start) || start < 0) {
            throw new IllegalArgumentException(
                    "a word must end after it starts: " + start + "-" + end);
        }
    }

    /** Ends a sentence: the engine wrote a full stop, question or exclamation mark after it. */
    public boolean endsSentence() {
        char last = text.charAt(text.length() - 1);
        return last == '.' || last == '?' || last == '!' || last == '…';
    }

    /** Ends a clause: a comma, colon, semicolon or dash after it. */
    public boolean endsClause() {
        char last = text.charAt(text.length() - 1);
        return last == ',' || last == ';' || last == ':' || last == '—' || last == '-';
    }
}
