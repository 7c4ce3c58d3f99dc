package dev.lectern.catalog.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.catalog.ContentAnalysis;
import dev.lectern.catalog.ContentKind;
import dev.lectern.catalog.RenditionSet;
import dev.lectern.catalog.caption.CaptionOrigin;
import dev.lectern.catalog.caption.CaptionTrack;
import dev.lectern.catalog.caption.Chapter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The playback answer of a published lecture")
class PublishedLectureTest {
    private static final UUID LECTURE = UUID.fromString("7c0e4e2a-5b1d-4f5e-9a7b-0c3d2e1f4a5b");
    private static final UUID CAPTION = UUID.fromString("0b6f6a64-8d0e-4d47-b3c5-2f1b7a9e0c11");
    private static final Instant EXPIRES = Instant.parse("2026-05-01T12:00:00Z");
    private static final String FOLDER = "https://lectern.example/media/" + LECTURE + "/v3/";

    private static JsonObject answer(RenditionSet renditions) {
        CaptionTrack caption =
                new CaptionTrack(
                        CAPTION,
                        "en",
                        "English",
                        true,
                        12,
                        CaptionOrigin.UPLOADED,
                        null,
                        null,
                        true,
                        1,
                        OffsetDateTime.now(),
                        OffsetDateTime.now());
        Chapter chapter = new Chapter(UUID.randomUUID(), "Intro", 0, Chapter.TEACHER, null, null);
        return new PublishedLecture(
                        LECTURE,
                        3,
                        renditions,
                        61.5,
                        true,
                        false,
                        61.5,
                        12.5,
                        List.of(caption),
                        List.of(chapter))
                .toJson("https://lectern.example", "tok", EXPIRES);
    }

    private static RenditionSet renditions(
            ContentKind kind,
            String poster,
            RenditionSet.Thumbnails thumbnails,
            RenditionSet.Downloads downloads) {
        return new RenditionSet(
                kind,
                ContentAnalysis.audioOnly(false, null),
                61.5,
                6,
                1,
                "en",
                List.of(),
                List.of(),
                "master.m3u8",
                "manifest.mpd",
                "audio/index.m3u8",
                poster,
                thumbnails,
                downloads);
    }

    private static List<String> downloadKinds(JsonObject answer) {
        JsonArray downloads = answer.getJsonArray("downloads");
        return downloads.stream().map(d -> ((JsonObject) d).getString("kind")).toList();
    }

    @Test
    @DisplayName("a lecture with video links the stored poster, thumbnails and both downloads")
    void video() {
        JsonObject answer =
                answer(
                        renditions(
                                ContentKind.CAMERA,
                                "poster.jpg",
                                new RenditionSet.Thumbnails(
                                        "thumbs/sprite.jpg", "thumbs/thumbs.vtt", 10, 160, 90, 7),
                                new RenditionSet.Downloads(
                                        "download/lecture.mp4", 9000, "download/audio.m4a", 900)));
        assertThat(answer.getString("hls")).isEqualTo(FOLDER + "master.m3u8?token=tok");
        assertThat(answer.getString("dash")).isEqualTo(FOLDER + "manifest.mpd?token=tok");
        assertThat(answer.getString("poster")).isEqualTo(FOLDER + "poster.jpg?token=tok");
        assertThat(answer.getJsonObject("thumbnails").getString("vtt"))
                .isEqualTo(FOLDER + "thumbs/thumbs.vtt?token=tok");
        assertThat(answer.getJsonObject("thumbnails").getString("sprite"))
                .isEqualTo(FOLDER + "thumbs/sprite.jpg?token=tok");
        assertThat(answer.getJsonArray("downloads").getJsonObject(0).getString("url"))
                .isEqualTo(FOLDER + "download/lecture.mp4?token=tok");
        assertThat(downloadKinds(answer))
                .as("the caption track travels with the downloads as a sidecar file")
                .containsExactly("video", "audio", "captions");
        assertThat(answer.getJsonArray("captions").getJsonObject(0).getString("url"))
                .isEqualTo(
                        "https://lectern.example/media/"
                                + LECTURE
                                + "/captions/"
                                + CAPTION
                                + ".vtt?token=tok");
        assertThat(answer.getString("expiresAt")).isEqualTo("2026-05-01T12:00:00Z");
        assertThat(answer.getDouble("resumeSeconds")).isEqualTo(12.5);
    }

    @Test
    @DisplayName("a lecture without video has no poster, no thumbnails and only the audio download")
    void audioOnly() {
        JsonObject answer =
                answer(
                        renditions(
                                ContentKind.AUDIO_ONLY,
                                null,
                                null,
                                new RenditionSet.Downloads(null, 0, "download/audio.m4a", 900)));
        assertThat(answer.containsKey("poster")).isFalse();
        assertThat(answer.containsKey("thumbnails")).isFalse();
        assertThat(downloadKinds(answer)).containsExactly("audio", "captions");
        assertThat(answer.getJsonObject("renditions").getString("kind")).isEqualTo("AUDIO_ONLY");
    }

    @Test
    @DisplayName("a silent lecture has no audio download")
    void silent() {
        JsonObject answer =
                answer(
                        renditions(
                                ContentKind.SCREENCAST,
                                "poster.jpg",
                                null,
                                new RenditionSet.Downloads("download/lecture.mp4", 9000, null, 0)));
        assertThat(downloadKinds(answer)).containsExactly("video", "captions");
    }
}
