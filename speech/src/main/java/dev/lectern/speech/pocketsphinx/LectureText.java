package dev.lectern.speech.pocketsphinx;

import dev.lectern.speech.engine.LectureVocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lecture's known words as the adaptation reads them: token sequences (the title, each sentence
 * of the description and of the slides, each glossary term) in their original case, so that
 * capitals still tell an acronym apart. Glossary terms weigh twice as much: they are the words a
 * teacher chose as the lecture's own.
 */
public record LectureText(List<Sequence> sequences, List<List<String>> glossaryTerms) {

    public static final double GLOSSARY_WEIGHT = 2.0;

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z][A-Za-z']*");
    private static final Pattern POSSESSIVE = Pattern.compile("'s\\b");
    private static final Pattern SENTENCE_END = Pattern.compile("[.:;!?\\n]");

    /** Adjacent tokens of one phrase; bigrams are taken only inside it. */
    public record Sequence(List<String> tokens, double weight) {}

    public static LectureText of(LectureVocabulary vocabulary) {
        List<Sequence> sequences = new ArrayList<>();
        add(sequences, tokens(vocabulary.title()), 1.0);
        for (String sentence : SENTENCE_END.split(vocabulary.description())) {
            add(sequences, tokens(sentence), 1.0);
        }
        for (String slide : vocabulary.slideText()) {
            for (String sentence : SENTENCE_END.split(slide)) {
                add(sequences, tokens(sentence), 1.0);
            }
        }
        List<List<String>> terms = new ArrayList<>();
        for (String term : vocabulary.glossary()) {
            List<String> tokens = tokens(term);
            if (!tokens.isEmpty()) {
                terms.add(tokens);
                add(sequences, tokens, GLOSSARY_WEIGHT);
            }
        }
        return new LectureText(List.copyOf(sequences), List.copyOf(terms));
    }

    /** Letter tokens; hyphens separate words and a possessive 's is dropped ("Dijkstra's"). */
    public static List<String> tokens(String text) {
        String plain = POSSESSIVE.matcher(text.replace('-', ' ')).replaceAll("");
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(plain);
        while (matcher.find()) {
            String token = matcher.group();
            while (token.endsWith("'")) {
                token = token.substring(0, token.length() - 1);
            }
            tokens.add(token);
        }
        return tokens;
    }

    public boolean isEmpty() {
        return sequences.isEmpty();
    }

    private static void add(List<Sequence> sequences, List<String> tokens, double weight) {
        if (!tokens.isEmpty()) {
            sequences.add(new Sequence(List.copyOf(tokens), weight));
        }
    }
}
