package dev.lectern.speech.whisper;

import dev.lectern.speech.engine.LectureRecognizer;
import dev.lectern.speech.engine.LectureVocabulary;
import dev.lectern.speech.engine.SpeechEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * whisper.cpp through whisper-jni, with a model file the administrator provides (ggml-base.en is
 * what Opencast ships; small.en is more accurate; a multilingual model recognises the lecture's
 * language, or detects it). Accurate enough that its tracks are not drafts.
 */
public final class WhisperEngine implements SpeechEngine {
    /** Glossary terms in the prompt: whisper reads about 200 tokens of it. */
    private static final int PROMPT_TERMS = 20;

    private final WhisperModel model;
    private final int threads;

    /** {@code threads}: whisper.cpp threads per chunk (one keeps it to a core of its own). */
    public WhisperEngine(WhisperModel model, int threads) {
        this.model = model;
        this.threads = threads;
    }

    @Override
    public String name() {
        return "whisper.cpp";
    }

    @Override
    public String model() {
        return model.name();
    }

    @Override
    public boolean draftsOnly() {
        return false;
    }

    @Override
    public boolean speaks(String language) {
        String primary = SpeechEngine.primaryLanguage(language);
        return model.multilingual()
                ? WhisperLanguages.CODES.contains(primary)
                : primary.equals("en");
    }

    @Override
    public Set<String> languages() {
        return model.multilingual() ? WhisperLanguages.CODES : Set.of("en");
    }

    /**
     * Nothing to build: whisper is steered by its prompt. A lecture without a language a
     * multilingual model knows has it detected.
     */
    @Override
    public LectureRecognizer prepare(LectureVocabulary vocabulary, Path workDir)
            throws IOException {
        Files.createDirectories(workDir);
        String language =
                vocabulary.language() == null
                        ? ""
                        : SpeechEngine.primaryLanguage(vocabulary.language());
        if (!model.multilingual()) {
            language = "en";
        } else if (!WhisperLanguages.CODES.contains(language)) {
            language = "auto";
        }
        return new WhisperRecognizer(model, language, threads, prompt(vocabulary), workDir);
    }

    /** The lecture's title and glossary, which whisper takes as text said just before. */
    static String prompt(LectureVocabulary vocabulary) {
        StringBuilder prompt = new StringBuilder(vocabulary.title().strip());
        if (!vocabulary.glossary().isEmpty()) {
            if (!prompt.isEmpty()) {
                prompt.append(". ");
            }
            prompt.append(
                    String.join(", ", vocabulary.glossary().stream().limit(PROMPT_TERMS).toList()));
            prompt.append('.');
        }
        return prompt.toString();
    }
}
