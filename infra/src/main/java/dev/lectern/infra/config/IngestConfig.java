package dev.lectern.infra.config;

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

    static IngestConfig from(ConfigSource source) {
        List<String> origins =
                Arrays.stream(source.get(Setting.UPLOAD_CORS_ORIGINS).split(","))
                        .map(String::trim)
                        .filter(o -> !o.isEmpty())
                        .toList();
        return new IngestConfig(
                source.getInt(Setting.UPLOAD_MAX_SIZE_MB, 1, 4 * 1024 * 1024) * 1024L * 1024L,
                Duration.ofMinutes(source.getInt(Setting.UPLOAD_EXPIRY_MINUTES, 1, 60 * 24 * 30)),
                Duration.ofSeconds(source.getInt(Setting.UPLOAD_SWEEP_SECONDS, 1, 86400)),
                origins,
                Duration.ofHours(source.getInt(Setting.SOURCE_MAX_DURATION_HOURS, 1, 1000)),
                source.getInt(Setting.SOURCE_MAX_DIMENSION, 16, 65536));
    }
}
