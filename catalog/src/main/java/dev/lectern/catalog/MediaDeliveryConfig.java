package dev.lectern.catalog;

import dev.lectern.infra.config.ConfigSource;
import java.time.Duration;

/**
 * How media objects reach viewers: streamed through Lectern, or handed off with a redirect to a
 * short-lived presigned S3 URL.
 */
public record MediaDeliveryConfig(boolean redirect, Duration presignLifetime) {

    public static MediaDeliveryConfig from(ConfigSource source) {
        String mode = source.getChoice(CatalogSetting.MEDIA_DELIVERY, "proxy", "redirect");
        return new MediaDeliveryConfig(
                mode.equals("redirect"),
                Duration.ofSeconds(
                        source.getInt(CatalogSetting.MEDIA_PRESIGN_SECONDS, 10, 7 * 86400)));
    }

    public static MediaDeliveryConfig proxied() {
        return new MediaDeliveryConfig(false, Duration.ofMinutes(5));
    }
}
