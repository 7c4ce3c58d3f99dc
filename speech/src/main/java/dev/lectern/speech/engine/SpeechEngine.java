package dev.lectern.speech.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * A speech recogniser Lectern can run: adapted once per lecture ({@link #prepare}), then run chunk
 * by chunk as a child process under {@code nice}, so a recognition never slows an encode or takes
 * the worker down with it.
 */
public interface SpeechEngine {

    /** Short name stored with a track, e.g. {@code pocketsphinx} or {@code whisper.cpp}. */
    String name();

    /** The model in use, e.g. {@code cmusphinx-en-us} or {@code ggml-base.en}. */
    String model();

    /**
     * Whether its tracks are drafts: hidden from students until a teacher reviewed them, because
     * the engine is not accurate enough to be shown as if it were reliable.
     */
    boolean draftsOnly();

    /** Whether it can recognise speech in {@code language} (a BCP 47 tag such as en or en-GB). */
    boolean speaks(String language);

    /**
     * Prepares recognition of one lecture in {@code workDir} (a folder the caller owns and deletes
     * afterwards): adaptation files, model copies. Blocking; may take seconds.
     */
    LectureRecognizer prepare(LectureVocabulary vocabulary, Path workDir) throws IOException;

    /** Languages are matched on the primary subtag: "en-GB" is spoken by an "en" engine. */
    static String primaryLanguage(String tag) {
        int dash = tag.indexOf('-');
        return (dash < 0 ? tag : tag.substring(0, dash)).toLowerCase(java.util.Locale.ROOT);
    }

    /** The languages an engine lists, for messages. */
    Set<String> languages();
}
