package dev.lectern.catalog;

import dev.lectern.infra.config.SettingKey;

/** The settings of the catalog: how media reaches viewers, and which other sites may play it. */
public enum CatalogSetting implements SettingKey {
    MEDIA_DELIVERY(
            "proxy",
            "'proxy' streams media through Lectern; 'redirect' answers segment and file requests"
                    + " with a redirect to a short-lived presigned S3 URL (for a CDN or to take"
                    + " the bytes off the API hosts)."),
    MEDIA_PRESIGN_SECONDS("300", "Lifetime of the presigned URLs handed out in 'redirect' mode."),
    MEDIA_CORS_ORIGINS(
            "",
            "Origins (comma-separated, e.g. https://lms.example.edu, or *) whose pages may read"
                    + " playback answers and play the media with their signed URLs: an LMS or a"
                    + " school site with its own player. Empty: only Lectern's own pages.");

    private final String defaultValue;
    private final String description;

    CatalogSetting(String defaultValue, String description) {
        this.defaultValue = defaultValue;
        this.description = description;
    }

    @Override
    public String defaultValue() {
        return defaultValue;
    }

    @Override
    public String description() {
        return description;
    }
}
