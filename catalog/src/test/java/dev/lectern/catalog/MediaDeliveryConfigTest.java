package dev.lectern.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.infra.config.ConfigException;
import dev.lectern.infra.config.ConfigSource;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Media delivery settings")
class MediaDeliveryConfigTest {

    @Test
    @DisplayName("proxy media by default and redirect with the configured presign lifetime")
    void delivery() {
        assertThat(MediaDeliveryConfig.from(ConfigSource.of(Map.of())))
                .isEqualTo(new MediaDeliveryConfig(false, Duration.ofMinutes(5)));
        assertThat(
                        MediaDeliveryConfig.from(
                                ConfigSource.of(
                                        Map.of(
                                                CatalogSetting.MEDIA_DELIVERY.key(), "Redirect",
                                                CatalogSetting.MEDIA_PRESIGN_SECONDS.key(), "60"))))
                .isEqualTo(new MediaDeliveryConfig(true, Duration.ofMinutes(1)));
        assertThat(
                        MediaDeliveryConfig.from(
                                        ConfigSource.of(
                                                Map.of(
                                                        CatalogSetting.MEDIA_CORS_ORIGINS.key(),
                                                        " https://lms.example.edu, https://site.example.edu ,")))
                                .corsOrigins())
                .containsExactly("https://lms.example.edu", "https://site.example.edu");
    }

    @Test
    @DisplayName("refuse an unknown delivery mode, naming the setting")
    void badDelivery() {
        assertThatThrownBy(
                        () ->
                                MediaDeliveryConfig.from(
                                        ConfigSource.of(
                                                Map.of(
                                                        CatalogSetting.MEDIA_DELIVERY.key(),
                                                        "cdn"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("LECTERN_MEDIA_DELIVERY");
    }
}
