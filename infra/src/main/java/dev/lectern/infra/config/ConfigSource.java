package dev.lectern.infra.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** Raw setting values: environment variables over an optional properties file over defaults. */
public final class ConfigSource {
    private final Map<String, String> values;

    private ConfigSource(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** Reads the process environment and the file named by {@code LECTERN_CONFIG_FILE}, if any. */
    public static ConfigSource fromEnvironment() {
        return of(System.getenv());
    }

    /** Reads the given variables and the file they name in {@code LECTERN_CONFIG_FILE}, if any. */
    public static ConfigSource of(Map<String, String> environment) {
        Map<String, String> merged = new HashMap<>();
        String file = environment.get(Setting.CONFIG_FILE.key());
        if (file != null && !file.isBlank()) {
            merged.putAll(readProperties(Path.of(file)));
        }
        environment.forEach(
                (key, value) -> {
                    if (key.startsWith("LECTERN_")) {
                        merged.put(key, value);
                    }
                });
        return new ConfigSource(merged);
    }

    private static Map<String, String> readProperties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> map = new HashMap<>();
        properties.forEach((key, value) -> map.put(key.toString().trim(), value.toString().trim()));
        return map;
    }

    /** A copy with one setting changed: used by the CLI and tests to override a value. */
    public ConfigSource with(SettingKey setting, String value) {
        Map<String, String> copy = new HashMap<>(values);
        copy.put(setting.key(), value);
        return new ConfigSource(copy);
    }

    public String get(SettingKey setting) {
        String value = values.get(setting.key());
        return value == null || value.isBlank() ? setting.defaultValue() : value.trim();
    }

    public int getInt(SettingKey setting, int min, int max) {
        String raw = get(setting);
        int value;
        try {
            value = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new ConfigException(setting.key() + " must be a whole number, got '" + raw + "'");
        }
        if (value < min || value > max) {
            throw new ConfigException(
                    setting.key() + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** One of {@code choices} (compared in lower case), or a ConfigException listing them. */
    public String getChoice(SettingKey setting, String... choices) {
        String raw = get(setting).toLowerCase(java.util.Locale.ROOT);
        if (!java.util.List.of(choices).contains(raw)) {
            throw new ConfigException(
                    setting.key()
                            + " must be one of "
                            + String.join(", ", choices)
                            + ", got '"
                            + raw
                            + "'");
        }
        return raw;
    }

    public boolean getBoolean(SettingKey setting) {
        String raw = get(setting).toLowerCase(java.util.Locale.ROOT);
        return switch (raw) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default ->
                    throw new ConfigException(
                            setting.key() + " must be true or false, got '" + raw + "'");
        };
    }

    /** A URL setting's value without its trailing slash, so paths can be appended. */
    public static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
