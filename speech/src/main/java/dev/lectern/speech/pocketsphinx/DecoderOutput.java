package dev.lectern.speech.pocketsphinx;

import dev.lectern.speech.cue.Word;
import dev.lectern.speech.pocketsphinx.dict.PronouncingDictionary;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what {@code pocketsphinx_continuous -time yes} prints: per utterance a line with the
 * hypothesis, then one line per word, {@code word start end posterior} in seconds from the start
 * of the file. Silence and noise markers ({@code <s>}, {@code <sil>}, {@code [NOISE]},
 * {@code +SPN+}) are dropped and alternate pronunciations lose their {@code (2)}.
 */
final class DecoderOutput {
    private static final Pattern WORD_LINE =
            Pattern.compile("^(\\S+) (\\d+\\.\\d+) (\\d+\\.\\d+) (\\d+(\\.\\d+)?)$");

    private DecoderOutput() {}

    static List<Word> words(String output) {
        List<Word> words = new ArrayList<>();
        for (String line : output.split("\n")) {
            Matcher matcher = WORD_LINE.matcher(line.strip());
            if (!matcher.matches()) {
                continue;
            }
            String word = PronouncingDictionary.baseWord(matcher.group(1));
            char first = word.charAt(0);
            if (first == '<' || first == '[' || first == '+') {
                continue;
            }
            double start = Double.parseDouble(matcher.group(2));
            double end = Double.parseDouble(matcher.group(3));
            words.add(new Word(word, start, Math.max(start, end)));
        }
        return words;
    }
}
