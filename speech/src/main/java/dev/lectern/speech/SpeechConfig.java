package dev.lectern.speech;

import dev.lectern.infra.config.ConfigException;
import dev.lectern.infra.config.ConfigSource;
import dev.lectern.speech.whisper.WhisperModel;
import java.nio.file.Path;

/**
 * Which speech engine makes automatic captions. A whisper model is checked here, at start, so a
 * path that is missing or not a model stops the start with one line instead of failing every
 * lecture later.
 *
 * @param whisperModel the checked model, or null when none is configured
 */
public record SpeechConfig(Engine engine, WhisperModel whisperModel, int whisperThreads) {

    /** The engine setting's choices. */
    public enum Engine {
        AUTO,
        WHISPER,
        POCKETSPHINX,
        OFF
    }

    public static SpeechConfig from(ConfigSource source) {
        Engine engine =
                Engine.valueOf(
                        source.getChoice(
                                        SpeechSetting.CAPTIONS_ENGINE,
                                        "auto",
                                        "whisper",
                                        "pocketsphinx",
                                        "off")
                                .toUpperCase(java.util.Locale.ROOT));
        String path = source.get(SpeechSetting.WHISPER_MODEL);
        WhisperModel model = null;
        if (!path.isEmpty()) {
            try {
                model = WhisperModel.check(Path.of(path));
            } catch (WhisperModel.InvalidModel e) {
                throw new ConfigException(
                        SpeechSetting.WHISPER_MODEL.key() + ": " + e.getMessage());
            }
        }
        if (engine == Engine.WHISPER && model == null) {
            throw new ConfigException(
                    SpeechSetting.CAPTIONS_ENGINE.key()
                            + " is whisper but "
                            + SpeechSetting.WHISPER_MODEL.key()
                            + " names no model file");
        }
        return new SpeechConfig(engine, model, source.getInt(SpeechSetting.WHISPER_THREADS, 1, 64));
    }
}
