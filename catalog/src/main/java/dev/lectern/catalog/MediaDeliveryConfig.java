package dev.lectern.catalog;

import dev.lectern.infra.config.ConfigSource;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * How media objects reach viewers: streamed through Lectern, or handed off with a redirect to a
 * short-lived presigned S3 URL; and which other origins' pages may play them (CORS).
 */
public record MediaDeliveryConfig(
        boolean redirect, Duration presignLifetime, List<String> corsOrigins) {

    public MediaDeliveryConfig(boolean redirect, Duration presignLifetime) {
        this(redirect, presignLifetime, List.of());
    }

    public static MediaDeliveryConfig from(ConfigSource source) {
        String mode = source.getChoice(CatalogSetting.MEDIA_DELIVERY, "proxy", "redirect");
        return new MediaDeliveryConfig(
                mode.equals("redirect"),
                Duration.ofSeconds(
                        source.getInt(CatalogSetting.MEDIA_PRESIGN_SECONDS, 10, 7 * 86400)),
                Arrays.stream(source.get(CatalogSetting.MEDIA_CORS_ORIGINS).split(","))
                        .map(String::trim)
                        .filter(origin -> !origin.isEmpty())
                        .toList());
    }

    public static MediaDeliveryConfig proxied() {
        return new MediaDeliveryConfig(false, Duration.ofMinutes(5));
    }
}
