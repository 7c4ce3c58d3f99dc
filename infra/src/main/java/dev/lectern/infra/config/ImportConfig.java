package dev.lectern.infra.config;

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

    static ImportConfig from(ConfigSource source) {
        String bbb = LecternConfig.stripSlash(source.get(Setting.BBB_URL));
        URI bbbUrl = null;
        if (!bbb.isEmpty()) {
            try {
                bbbUrl = URI.create(bbb);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(Setting.BBB_URL.key() + " is not a URL: " + bbb);
            }
            if (bbbUrl.getHost() == null
                    || !("http".equals(bbbUrl.getScheme()) || "https".equals(bbbUrl.getScheme()))) {
                throw new ConfigException(
                        Setting.BBB_URL.key() + " must be an http(s) URL, got " + bbb);
            }
        }
        String mediaPath = source.get(Setting.BBB_MEDIA_PATH);
        if (!mediaPath.startsWith("/") || !mediaPath.contains("{recordId}")) {
            throw new ConfigException(
                    Setting.BBB_MEDIA_PATH.key() + " must start with / and contain {recordId}");
        }
        return new ImportConfig(
                list(source.get(Setting.IMPORT_ALLOWED_HOSTS)),
                Duration.ofMinutes(source.getInt(Setting.IMPORT_TIMEOUT_MINUTES, 1, 7 * 24 * 60)),
                Duration.ofSeconds(source.getInt(Setting.IMPORT_CONNECT_TIMEOUT_SECONDS, 1, 600)),
                Duration.ofSeconds(source.getInt(Setting.IMPORT_IDLE_TIMEOUT_SECONDS, 1, 3600)),
                Duration.ofSeconds(source.getInt(Setting.WEBHOOK_TOLERANCE_SECONDS, 1, 86400)),
                source.get(Setting.WEBHOOK_GENERIC_SECRET),
                source.get(Setting.ZOOM_WEBHOOK_SECRET),
                courseMap(Setting.ZOOM_COURSE_MAP, source.get(Setting.ZOOM_COURSE_MAP)),
                bbbUrl,
                source.get(Setting.BBB_SECRET),
                courseMap(Setting.BBB_COURSE_MAP, source.get(Setting.BBB_COURSE_MAP)),
                mediaPath);
    }

    private static List<String> list(String raw) {
        return Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** {@code meetingId:courseId,...}; the course id is the text after the last colon. */
    static Map<String, UUID> courseMap(Setting setting, String raw) {
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
