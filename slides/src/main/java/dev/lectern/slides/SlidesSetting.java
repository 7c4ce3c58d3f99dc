package dev.lectern.slides;

import dev.lectern.infra.config.SettingKey;

/** The settings of slide detection. */
public enum SlidesSetting implements SettingKey {
    SLIDES(
            "on",
            "Slide detection in screen recordings: 'on' finds slide changes, reads each slide with"
                    + " Tesseract when it is installed and makes chapters from them; 'off' leaves"
                    + " chapters to teachers.");

    private final String defaultValue;
    private final String description;

    SlidesSetting(String defaultValue, String description) {
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
