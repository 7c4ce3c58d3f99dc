package dev.lectern.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.infra.config.SettingKey;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The settings of every module")
class SettingsDocumentedTest {

    @Test
    @DisplayName("are documented in docs/configuration.md with their defaults, each key once")
    void documented() throws Exception {
        String text = Files.readString(Path.of("..", "docs", "configuration.md"));
        assertThat(LecternConfig.settings())
                .extracting(SettingKey::key)
                .as("no two modules read the same key")
                .doesNotHaveDuplicates()
                .contains("LECTERN_HTTP_PORT", "LECTERN_UPLOAD_MAX_SIZE_MB", "LECTERN_OIDC_ISSUER");
        for (SettingKey setting : LecternConfig.settings()) {
            assertThat(text).as(setting.key()).contains("`" + setting.key() + "`");
            if (!setting.defaultValue().isEmpty()) {
                assertThat(text)
                        .as(setting.key() + " default")
                        .contains("`" + setting.defaultValue() + "`");
            }
        }
    }
}
