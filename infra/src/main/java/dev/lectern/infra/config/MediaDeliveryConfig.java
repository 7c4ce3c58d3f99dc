package dev.lectern.infra.config;

import java.time.Duration;
import java.util.Locale;

/**
 * How media objects reach viewers: streamed through Lectern, or handed off with a redirect to a
 * short-lived presigned S3 URL.
 */
public record MediaDeliveryConfig(boolean redirect, Duration presignLifetime) {

    static MediaDeliveryConfig from(ConfigSource source) {
        String mode = source.get(Setting.MEDIA_DELIVERY).toLowerCase(Locale.ROOT);
        if (!mode.equals("proxy") && !mode.equals("redirect")) {
            throw new ConfigException(
                    Setting.MEDIA_DELIVERY.key()
                            + " must be 'proxy' or 'redirect', got '"
                            + mode
                            + "'");
        }
        return new MediaDeliveryConfig(
                mode.equals("redirect"),
                Duration.ofSeconds(source.getInt(Setting.MEDIA_PRESIGN_SECONDS, 10, 7 * 86400)));
    }

    public static MediaDeliveryConfig proxied() {
        return new MediaDeliveryConfig(false, Duration.ofMinutes(5));
    }
}
