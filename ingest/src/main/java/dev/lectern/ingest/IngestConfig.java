package dev.lectern.ingest;

import dev.lectern.infra.config.ConfigSource;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Limits and policies for getting sources in: upload size and expiry, CORS, source limits. */
public record IngestConfig(
        long maxUploadBytes,
        Duration uploadExpiry,
        Duration sweepInterval,
        List<String> corsOrigins,
        Duration maxDuration,
        int maxDimension) {

    public static IngestConfig from(ConfigSource source) {
        List<String> origins =
                Arrays.stream(source.get(IngestSetting.UPLOAD_CORS_ORIGINS).split(","))
                        .map(String::trim)
                        .filter(o -> !o.isEmpty())
                        .toList();
        return new IngestConfig(
                source.getInt(IngestSetting.UPLOAD_MAX_SIZE_MB, 1, 4 * 1024 * 1024) * 1024L * 1024L,
                Duration.ofMinutes(
                        source.getInt(IngestSetting.UPLOAD_EXPIRY_MINUTES, 1, 60 * 24 * 30)),
                Duration.ofSeconds(source.getInt(IngestSetting.UPLOAD_SWEEP_SECONDS, 1, 86400)),
                origins,
                Duration.ofHours(source.getInt(IngestSetting.SOURCE_MAX_DURATION_HOURS, 1, 1000)),
                source.getInt(IngestSetting.SOURCE_MAX_DIMENSION, 16, 65536));
    }
}
