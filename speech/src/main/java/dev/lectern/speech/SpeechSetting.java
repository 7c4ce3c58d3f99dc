package dev.lectern.speech;

import dev.lectern.infra.config.SettingKey;

/** The settings of automatic captions. */
public enum SpeechSetting implements SettingKey {
    CAPTIONS_ENGINE(
            "auto",
            "Speech engine for automatic captions: 'auto' (whisper.cpp when LECTERN_WHISPER_MODEL"
                    + " is set, else PocketSphinx when installed, else off), 'whisper',"
                    + " 'pocketsphinx' or 'off'."),
    WHISPER_MODEL(
            "",
            "Path to a whisper.cpp model file (ggml-base.en.bin recommended; see"
                    + " docs/captions.md); a path that is not a model stops the start."),
    WHISPER_THREADS("1", "Threads one whisper.cpp recognition uses (it runs under nice).");

    private final String defaultValue;
    private final String description;

    SpeechSetting(String defaultValue, String description) {
        this.defaultValue = defaultValue;
        this.description = description;
    }

    @Override
    public String defaultValue() {
        return defaultValue;
    }

    @Override
    public String description() {
        return description;
    }
}
