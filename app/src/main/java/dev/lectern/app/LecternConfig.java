package dev.lectern.app;

import dev.lectern.catalog.CatalogSetting;
import dev.lectern.catalog.MediaDeliveryConfig;
import dev.lectern.infra.config.ConfigSource;
import dev.lectern.infra.config.InfraConfig;
import dev.lectern.infra.config.Setting;
import dev.lectern.infra.config.SettingKey;
import dev.lectern.ingest.ImportConfig;
import dev.lectern.ingest.IngestConfig;
import dev.lectern.ingest.IngestSetting;
import dev.lectern.slides.SlidesConfig;
import dev.lectern.slides.SlidesSetting;
import dev.lectern.speech.SpeechConfig;
import dev.lectern.speech.SpeechSetting;
import dev.lectern.transcode.TranscodeConfig;
import dev.lectern.transcode.TranscodeSetting;
import dev.lectern.web.OidcConfig;
import dev.lectern.web.WebSetting;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole typed configuration of one Lectern process: the plumbing's and each module's own,
 * read from the same settings at start so that any bad value stops the start with one line.
 * Immutable once built.
 */
public record LecternConfig(
        InfraConfig infra,
        IngestConfig ingest,
        ImportConfig imports,
        TranscodeConfig transcode,
        MediaDeliveryConfig mediaDelivery,
        OidcConfig oidc,
        SpeechConfig speech,
        SlidesConfig slides) {

    public static LecternConfig from(ConfigSource source) {
        InfraConfig infra = InfraConfig.from(source);
        return new LecternConfig(
                infra,
                IngestConfig.from(source),
                ImportConfig.from(source),
                TranscodeConfig.from(source, infra.worker().concurrency()),
                MediaDeliveryConfig.from(source),
                OidcConfig.from(source, infra.auth()),
                SpeechConfig.from(source),
                SlidesConfig.from(source));
    }

    /** Every setting of every module, in the order docs/configuration.md presents them. */
    public static List<SettingKey> settings() {
        List<SettingKey> all = new ArrayList<>(List.of(Setting.values()));
        all.addAll(List.of(IngestSetting.values()));
        all.addAll(List.of(TranscodeSetting.values()));
        all.addAll(List.of(CatalogSetting.values()));
        all.addAll(List.of(WebSetting.values()));
        all.addAll(List.of(SpeechSetting.values()));
        all.addAll(List.of(SlidesSetting.values()));
        return List.copyOf(all);
    }
}
