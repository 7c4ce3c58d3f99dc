package dev.lectern.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.infra.config.ConfigSource;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Encode settings")
class TranscodeConfigTest {
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    @Test
    @DisplayName("share the cores among concurrent jobs and allow four seconds per source second")
    void transcodeDefaults() {
        TranscodeConfig one = TranscodeConfig.from(ConfigSource.of(Map.of()), 1);
        TranscodeConfig many = TranscodeConfig.from(ConfigSource.of(Map.of()), CORES * 2);

        assertThat(one).isEqualTo(new TranscodeConfig(CORES, 4, 0, true));
        assertThat(many.threads()).isEqualTo(1);
    }

    @Test
    @DisplayName("take explicit threads and time factor")
    void transcodeExplicit() {
        TranscodeConfig config =
                TranscodeConfig.from(
                        ConfigSource.of(
                                Map.of(
                                        TranscodeSetting.TRANSCODE_THREADS.key(), "3",
                                        TranscodeSetting.TRANSCODE_TIME_LIMIT_FACTOR.key(), "10")),
                        1);

        assertThat(config).isEqualTo(new TranscodeConfig(3, 10, 0, true));
    }
}
