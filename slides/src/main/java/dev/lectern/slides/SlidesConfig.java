package dev.lectern.slides;

import dev.lectern.infra.config.ConfigSource;

/** Whether screen recordings get chapters from their slides. */
public record SlidesConfig(boolean enabled) {

    public static SlidesConfig from(ConfigSource source) {
        return new SlidesConfig(source.getChoice(SlidesSetting.SLIDES, "on", "off").equals("on"));
    }
}
