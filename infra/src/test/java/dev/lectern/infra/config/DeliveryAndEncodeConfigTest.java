package dev.lectern.infra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Encode and media delivery settings")
class DeliveryAndEncodeConfigTest {
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    @Test
    @DisplayName("share the cores among concurrent jobs and allow four seconds per source second")
    void transcodeDefaults() {
        TranscodeConfig one =
                LecternConfig.from(ConfigSource.of(Map.of(Setting.WORKER_CONCURRENCY.key(), "1")))
                        .transcode();
        TranscodeConfig many =
                LecternConfig.from(
                                ConfigSource.of(
                                        Map.of(
                                                Setting.WORKER_CONCURRENCY.key(),
                                                Integer.toString(CORES * 2))))
                        .transcode();

        assertThat(one).isEqualTo(new TranscodeConfig(CORES, 4));
        assertThat(many.threads()).isEqualTo(1);
    }

    @Test
    @DisplayName("take explicit threads and time factor")
    void transcodeExplicit() {
        TranscodeConfig config =
                LecternConfig.from(
                                ConfigSource.of(
                                        Map.of(
                                                Setting.TRANSCODE_THREADS.key(), "3",
                                                Setting.TRANSCODE_TIME_LIMIT_FACTOR.key(), "10")))
                        .transcode();

        assertThat(config).isEqualTo(new TranscodeConfig(3, 10));
    }

    @Test
    @DisplayName("proxy media by default and redirect with the configured presign lifetime")
    void delivery() {
        assertThat(LecternConfig.from(ConfigSource.of(Map.of())).mediaDelivery())
                .isEqualTo(new MediaDeliveryConfig(false, Duration.ofMinutes(5)));
        assertThat(
                        LecternConfig.from(
                                        ConfigSource.of(
                                                Map.of(
                                                        Setting.MEDIA_DELIVERY.key(), "Redirect",
                                                        Setting.MEDIA_PRESIGN_SECONDS.key(), "60")))
                                .mediaDelivery())
                .isEqualTo(new MediaDeliveryConfig(true, Duration.ofMinutes(1)));
    }

    @Test
    @DisplayName("refuse an unknown delivery mode, naming the setting")
    void badDelivery() {
        assertThatThrownBy(
                        () ->
                                LecternConfig.from(
                                        ConfigSource.of(
                                                Map.of(Setting.MEDIA_DELIVERY.key(), "cdn"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("LECTERN_MEDIA_DELIVERY");
    }
}
