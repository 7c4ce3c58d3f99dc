package dev.lectern.speech.engine;

import java.util.List;

/**
 * What Lectern knows of a lecture's words before hearing it, for adapting a recogniser: its
 * language (BCP 47), title and description, the course's glossary, and the text read from its
 * slides (empty until slides are read). Never the spoken text itself.
 */
public record LectureVocabulary(
        String language,
        String title,
        String description,
        List<String> glossary,
        List<String> slideText) {

    public LectureVocabulary {
        glossary = List.copyOf(glossary);
        slideText = List.copyOf(slideText);
    }

    /** Nothing known beyond the language: what an unadapted recogniser hears with. */
    public static LectureVocabulary none(String language) {
        return new LectureVocabulary(language, "", "", List.of(), List.of());
    }
}
