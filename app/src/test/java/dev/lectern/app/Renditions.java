package dev.lectern.app;

import dev.lectern.catalog.ContentAnalysis;
import dev.lectern.catalog.ContentKind;
import dev.lectern.catalog.RenditionSet;
import dev.lectern.catalog.RenditionSet.AudioOutput;
import dev.lectern.catalog.RenditionSet.Downloads;
import dev.lectern.catalog.RenditionSet.Thumbnails;
import dev.lectern.catalog.RenditionSet.VideoOutput;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The rendition set a transcode of a short camera clip publishes (one 360p rung, one audio
 * rendition, poster, thumbnails and both downloads), for tests that publish a lecture by SQL.
 */
final class Renditions {
    private Renditions() {}

    static RenditionSet video360p() {
        return new RenditionSet(
                ContentKind.CAMERA,
                new ContentAnalysis(ContentKind.CAMERA, 3, 30, 0.1, 20, 0.4, false, null),
                3,
                1,
                1,
                "en",
                List.of(
                        new VideoOutput(
                                "360p",
                                "360p/index.m3u8",
                                "360p/init.mp4",
                                3,
                                320,
                                180,
                                "25",
                                "avc1.64000d",
                                400_000,
                                300_000,
                                150_000)),
                List.of(
                        new AudioOutput(
                                "audio",
                                "audio/index.m3u8",
                                "audio/init.mp4",
                                3,
                                2,
                                48_000,
                                "mp4a.40.2",
                                64_000,
                                64_000,
                                24_000,
                                true,
                                true)),
                "master.m3u8",
                "manifest.mpd",
                "audio/index.m3u8",
                "poster.jpg",
                new Thumbnails("thumbs/sprite.jpg", "thumbs/thumbs.vtt", 10, 160, 90, 1),
                new Downloads("download/lecture.mp4", 150_000, "download/audio.m4a", 24_000));
    }

    /** {@link #video360p()} as the {@code lectures.renditions} column holds it. */
    static JsonObject json() {
        return video360p().toJson();
    }
}
