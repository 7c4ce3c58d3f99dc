package dev.lectern.infra.config;

/**
 * One setting Lectern reads: an environment variable (or properties-file key) {@code LECTERN_…},
 * its default and its meaning. Each module lists its own settings in an enum implementing this;
 * docs/configuration.md is checked against all of them, so a setting cannot be added without
 * being documented.
 */
public interface SettingKey {
    /** The enum constant's name, such as {@code HTTP_PORT}. */
    String name();

    String defaultValue();

    String description();

    /** The environment variable (and properties-file key) for this setting. */
    default String key() {
        return "LECTERN_" + name();
    }
}
