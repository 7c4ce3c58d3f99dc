package dev.lectern.infra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Configuration")
class LecternConfigTest {

    @Test
    @DisplayName("the HTTP event loops can be set, and must be a sensible number")
    void eventLoops() {
        assertThat(
                        InfraConfig.from(ConfigSource.of(Map.of("LECTERN_HTTP_EVENT_LOOPS", "3")))
                                .http()
                                .eventLoops())
                .isEqualTo(3);
        assertThatThrownBy(
                        () ->
                                InfraConfig.from(
                                        ConfigSource.of(Map.of("LECTERN_HTTP_EVENT_LOOPS", "-1"))))
                .hasMessageContaining("LECTERN_HTTP_EVENT_LOOPS");
    }

    @Test
    @DisplayName("with nothing set, everything is embedded and listens on 8080")
    void defaults() {
        InfraConfig config = InfraConfig.from(ConfigSource.of(Map.of()));
        assertThat(config.database().embedded()).isTrue();
        assertThat(config.storage().mode()).isEqualTo(StorageConfig.Mode.EMBEDDED);
        assertThat(config.storage().bucket()).isEqualTo("lectern");
        assertThat(config.storage().partSizeBytes()).isEqualTo(16 * 1024 * 1024);
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.http().publicUrlOr(8080)).isEqualTo("http://localhost:8080");
        assertThat(config.http().eventLoops())
                .isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(config.auth().embedded()).isTrue();
        assertThat(config.dataDir()).isEqualTo(Path.of("lectern-data").toAbsolutePath());
        assertThat(config.log().json()).isFalse();
    }

    @Test
    @DisplayName("environment variables win over the config file, which wins over defaults")
    void precedence(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("lectern.properties");
        Files.writeString(file, "LECTERN_HTTP_PORT=9000\nLECTERN_S3_BUCKET=from-file\n");
        InfraConfig config =
                InfraConfig.from(
                        ConfigSource.of(
                                Map.of(
                                        "LECTERN_CONFIG_FILE", file.toString(),
                                        "LECTERN_HTTP_PORT", "9100",
                                        "UNRELATED", "x")));
        assertThat(config.http().port()).isEqualTo(9100);
        assertThat(config.storage().bucket()).isEqualTo("from-file");
    }

    @Test
    @DisplayName("an external PostgreSQL URL is parsed, with or without the jdbc: prefix")
    void databaseUrl() {
        DatabaseConfig db =
                InfraConfig.from(
                                ConfigSource.of(
                                        Map.of(
                                                "LECTERN_DATABASE_URL",
                                                "jdbc:postgresql://app:s3cret@db.school.edu:6432/lectern")))
                        .database();
        assertThat(db.embedded()).isFalse();
        assertThat(db.host()).isEqualTo("db.school.edu");
        assertThat(db.port()).isEqualTo(6432);
        assertThat(db.database()).isEqualTo("lectern");
        assertThat(db.user()).isEqualTo("app");
        assertThat(db.password()).isEqualTo("s3cret");
        assertThat(db.toString()).doesNotContain("s3cret");
    }

    @Test
    @DisplayName("bad values fail with one line naming the setting, and never echo a password")
    void badValues() {
        assertThatThrownBy(
                        () ->
                                InfraConfig.from(
                                        ConfigSource.of(Map.of("LECTERN_HTTP_PORT", "eighty"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("LECTERN_HTTP_PORT must be a whole number, got 'eighty'");
        assertThatThrownBy(
                        () ->
                                InfraConfig.from(
                                        ConfigSource.of(
                                                Map.of(
                                                        "LECTERN_DATABASE_URL",
                                                        "mysql://u:pw@h/db"))))
                .hasMessageContaining("LECTERN_DATABASE_URL must look like postgresql://")
                .hasMessageNotContaining("pw");
        assertThatThrownBy(
                        () ->
                                InfraConfig.from(
                                        ConfigSource.of(Map.of("LECTERN_S3_ENDPOINT", "ftp://x"))))
                .hasMessageContaining("LECTERN_S3_ENDPOINT");
        assertThatThrownBy(
                        () ->
                                InfraConfig.from(
                                        ConfigSource.of(Map.of("LECTERN_S3_BUCKET", "Bad_Bucket"))))
                .hasMessageContaining("not a valid bucket name");
        assertThatThrownBy(
                        () ->
                                InfraConfig.from(
                                        ConfigSource.of(Map.of("LECTERN_S3_PART_SIZE_MB", "4"))))
                .hasMessage("LECTERN_S3_PART_SIZE_MB must be between 5 and 512, got 4");
        assertThatThrownBy(
                        () ->
                                InfraConfig.from(
                                        ConfigSource.of(Map.of("LECTERN_LOG_FORMAT", "xml"))))
                .hasMessageContaining("LECTERN_LOG_FORMAT");
        assertThatThrownBy(
                        () ->
                                InfraConfig.from(
                                        ConfigSource.of(Map.of("LECTERN_S3_PATH_STYLE", "maybe"))))
                .hasMessage("LECTERN_S3_PATH_STYLE must be true or false, got 'maybe'");
    }

    @Test
    @DisplayName("a missing config file is reported by name")
    void missingFile() {
        assertThatThrownBy(
                        () ->
                                ConfigSource.of(
                                        Map.of(
                                                "LECTERN_CONFIG_FILE",
                                                "/nonexistent/lectern.properties")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("/nonexistent/lectern.properties");
    }
}
