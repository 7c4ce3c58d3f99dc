package dev.lectern.ingest;

import dev.lectern.infra.config.ConfigException;
import dev.lectern.infra.config.ConfigSource;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * URL imports and recording webhooks: what imports may reach and how long they may take, and the
 * secrets and meeting-to-course maps of each webinar provider. An empty secret disables its
 * provider.
 */
public record ImportConfig(
        List<String> allowedHosts,
        Duration timeout,
        Duration connectTimeout,
        Duration idleTimeout,
        Duration webhookTolerance,
        String genericSecret,
        String zoomSecret,
        Map<String, UUID> zoomCourses,
        URI bbbUrl,
        String bbbSecret,
        Map<String, UUID> bbbCourses,
        String bbbMediaPath) {

    public static ImportConfig from(ConfigSource source) {
        String bbb = ConfigSource.stripSlash(source.get(IngestSetting.BBB_URL));
        URI bbbUrl = null;
        if (!bbb.isEmpty()) {
            try {
                bbbUrl = URI.create(bbb);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(IngestSetting.BBB_URL.key() + " is not a URL: " + bbb);
            }
            if (bbbUrl.getHost() == null
                    || !("http".equals(bbbUrl.getScheme()) || "https".equals(bbbUrl.getScheme()))) {
                throw new ConfigException(
                        IngestSetting.BBB_URL.key() + " must be an http(s) URL, got " + bbb);
            }
        }
        String mediaPath = source.get(IngestSetting.BBB_MEDIA_PATH);
        if (!mediaPath.startsWith("/") || !mediaPath.contains("{recordId}")) {
            throw new ConfigException(
                    IngestSetting.BBB_MEDIA_PATH.key()
                            + " must start with / and contain {recordId}");
        }
        return new ImportConfig(
                list(source.get(IngestSetting.IMPORT_ALLOWED_HOSTS)),
                Duration.ofMinutes(
                        source.getInt(IngestSetting.IMPORT_TIMEOUT_MINUTES, 1, 7 * 24 * 60)),
                Duration.ofSeconds(
                        source.getInt(IngestSetting.IMPORT_CONNECT_TIMEOUT_SECONDS, 1, 600)),
                Duration.ofSeconds(
                        source.getInt(IngestSetting.IMPORT_IDLE_TIMEOUT_SECONDS, 1, 3600)),
                Duration.ofSeconds(
                        source.getInt(IngestSetting.WEBHOOK_TOLERANCE_SECONDS, 1, 86400)),
                source.get(IngestSetting.WEBHOOK_GENERIC_SECRET),
                source.get(IngestSetting.ZOOM_WEBHOOK_SECRET),
                courseMap(IngestSetting.ZOOM_COURSE_MAP, source.get(IngestSetting.ZOOM_COURSE_MAP)),
                bbbUrl,
                source.get(IngestSetting.BBB_SECRET),
                courseMap(IngestSetting.BBB_COURSE_MAP, source.get(IngestSetting.BBB_COURSE_MAP)),
                mediaPath);
    }

    private static List<String> list(String raw) {
        return Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** {@code meetingId:courseId,...}; the course id is the text after the last colon. */
    static Map<String, UUID> courseMap(IngestSetting setting, String raw) {
        Map<String, UUID> map = new LinkedHashMap<>();
        for (String entry : list(raw)) {
            int colon = entry.lastIndexOf(':');
            if (colon <= 0) {
                throw new ConfigException(
                        setting.key() + " entries must be meetingId:courseId, got '" + entry + "'");
            }
            try {
                map.put(
                        entry.substring(0, colon).trim(),
                        UUID.fromString(entry.substring(colon + 1).trim()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(
                        setting.key() + " has a course id that is not a UUID in '" + entry + "'");
            }
        }
        return Map.copyOf(map);
    }
}
