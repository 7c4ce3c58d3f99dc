package dev.lectern.speech.pocketsphinx;

import dev.lectern.speech.engine.EngineAvailability;
import dev.lectern.speech.engine.LectureRecognizer;
import dev.lectern.speech.engine.LectureVocabulary;
import dev.lectern.speech.engine.SpeechEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * CMU PocketSphinx with Debian's US-English model, the engine Lectern has without any
 * configuration. Out of the box it gets most words of a lecture wrong, so each lecture adapts it
 * to its own words ({@link LectureAdaptation}); its tracks stay drafts even so.
 */
public final class PocketSphinxEngine implements SpeechEngine {
    /**
     * Without the second, flat-lexicon pass: over six synthesised lectures it cost 15 % more CPU
     * (15.7 against 13.3 s per audio minute, adapted) and did not lower the word error rate
     * (59.8 % with it, 58.5 % without).
     */
    private static final List<String> DECODER_OPTIONS = List.of("-fwdflat", "no");

    private final PocketSphinxInstallation installation;

    PocketSphinxEngine(PocketSphinxInstallation installation) {
        this.installation = installation;
    }

    /** Finds the Debian packages' programs on {@code PATH} and the model where Debian puts it. */
    public static EngineAvailability locate() {
        return locate(
                PocketSphinxInstallation.DEBIAN_MODEL_DIR, PocketSphinxInstallation.systemPath());
    }

    static EngineAvailability locate(Path modelDir, List<Path> searchPath) {
        PocketSphinxInstallation.Found found = PocketSphinxInstallation.find(modelDir, searchPath);
        if (found.installation().isEmpty()) {
            return EngineAvailability.unavailable(
                    "PocketSphinx is not installed (missing: "
                            + String.join(", ", found.missing())
                            + "; Debian packages: "
                            + PocketSphinxInstallation.PACKAGES
                            + ")");
        }
        PocketSphinxInstallation installation = found.installation().get();
        return EngineAvailability.available(
                new PocketSphinxEngine(installation),
                "PocketSphinx "
                        + installation.decoder()
                        + " with the model in "
                        + installation.modelDir()
                        + (installation.espeak().isPresent()
                                ? ""
                                : " (espeak-ng missing: new words are pronounced as known words"
                                        + " or spelled, which finds fewer of them)"));
    }

    @Override
    public String name() {
        return "pocketsphinx";
    }

    @Override
    public String model() {
        return "cmusphinx-en-us";
    }

    @Override
    public boolean draftsOnly() {
        return true;
    }

    @Override
    public boolean speaks(String language) {
        return SpeechEngine.primaryLanguage(language).equals("en");
    }

    @Override
    public Set<String> languages() {
        return Set.of("en");
    }

    /**
     * Builds the lecture's dictionary and language model in {@code workDir} (about 3 s and 30 MB
     * of files); with nothing known of the lecture, the generic ones are used as they are.
     */
    @Override
    public LectureRecognizer prepare(LectureVocabulary vocabulary, Path workDir)
            throws IOException {
        Files.createDirectories(workDir);
        LectureText text = LectureText.of(vocabulary);
        if (text.isEmpty()) {
            return new PocketSphinxRecognizer(
                    installation,
                    installation.dictionary(),
                    installation.languageModel(),
                    workDir,
                    DECODER_OPTIONS);
        }
        LectureAdaptation adaptation = LectureAdaptation.prepare(installation, text, workDir);
        return new PocketSphinxRecognizer(
                installation,
                adaptation.dictionary(),
                adaptation.languageModel(),
                workDir,
                DECODER_OPTIONS);
    }
}
