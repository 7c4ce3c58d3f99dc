package dev.lectern.transcode.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.catalog.RenditionSet.AudioOutput;
import dev.lectern.catalog.RenditionSet.VideoOutput;
import dev.lectern.transcode.ladder.ThumbnailPlan;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Manifest writers")
class ManifestWritersTest {
    static final VideoOutput V720 =
            new VideoOutput(
                    "720p",
                    "720p/index.m3u8",
                    "720p/init_0.mp4",
                    3,
                    1280,
                    720,
                    "10.000",
                    "avc1.64001f",
                    300_000,
                    200_000,
                    1);
    static final AudioOutput MONO =
            new AudioOutput(
                    "audio",
                    "audio/index.m3u8",
                    "audio/init_1.mp4",
                    3,
                    1,
                    48000,
                    "mp4a.40.2",
                    52_000,
                    50_000,
                    1,
                    true,
                    true);

    @Test
    @DisplayName(
            "the master playlist adds the audio group to each video variant's bandwidth and codecs")
    void master() {
        String master = HlsMasterPlaylist.write(List.of(V720), List.of(MONO), "en");
        assertThat(master)
                .contains(
                        "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"audio\",NAME=\"Lecture audio\",LANGUAGE=\"en\",DEFAULT=YES,AUTOSELECT=YES,CHANNELS=\"1\",URI=\"audio/index.m3u8\"")
                .contains(
                        "#EXT-X-STREAM-INF:BANDWIDTH=352000,AVERAGE-BANDWIDTH=250000,CODECS=\"avc1.64001f,mp4a.40.2\",RESOLUTION=1280x720,FRAME-RATE=10.000,AUDIO=\"audio\"\n720p/index.m3u8")
                .contains(
                        "#EXT-X-STREAM-INF:BANDWIDTH=52000,AVERAGE-BANDWIDTH=50000,CODECS=\"mp4a.40.2\"\naudio/index.m3u8");
    }

    @Test
    @DisplayName(
            "a master published while encoding states its promised peaks and no average bandwidth")
    void masterOfAPreview() {
        VideoOutput promised =
                new VideoOutput(
                        "720p",
                        "720p/index.m3u8",
                        "720p/init_0.mp4",
                        1,
                        1280,
                        720,
                        "10.000",
                        "avc1.64001f",
                        900_000,
                        0,
                        0);
        String master = HlsMasterPlaylist.write(List.of(promised), List.of(MONO), "en");
        assertThat(master)
                .contains("#EXT-X-STREAM-INF:BANDWIDTH=952000,CODECS=")
                .doesNotContain("BANDWIDTH=952000,AVERAGE");
    }

    @Test
    @DisplayName(
            "a media playlist so far is an event playlist with the promised target duration; ended, it gets EXT-X-ENDLIST")
    void eventPlaylist() {
        MediaPlaylist written =
                new MediaPlaylist(
                        Path.of("720p"),
                        "init_0.mp4",
                        List.of(
                                new MediaPlaylist.Segment("seg_00000.m4s", 6.0, 10),
                                new MediaPlaylist.Segment("seg_00001.m4s", 6.0, 10),
                                new MediaPlaylist.Segment("seg_00002.m4s", 2.5, 10)));
        String soFar = written.first(2).text(6, false);
        assertThat(soFar)
                .startsWith(
                        "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:6\n#EXT-X-MEDIA-SEQUENCE:0\n"
                                + "#EXT-X-PLAYLIST-TYPE:EVENT\n#EXT-X-INDEPENDENT-SEGMENTS\n"
                                + "#EXT-X-MAP:URI=\"init_0.mp4\"\n#EXTINF:6.000000,\nseg_00000.m4s\n")
                .doesNotContain("seg_00002.m4s")
                .doesNotContain("#EXT-X-ENDLIST");
        String ended = written.text(6, true);
        assertThat(ended).startsWith(soFar).endsWith("seg_00002.m4s\n#EXT-X-ENDLIST\n");
    }

    @Test
    @DisplayName("a silent video has no audio group")
    void silent() {
        String master = HlsMasterPlaylist.write(List.of(V720), List.of(), null);
        assertThat(master)
                .doesNotContain("EXT-X-MEDIA")
                .doesNotContain("AUDIO=")
                .contains("CODECS=\"avc1.64001f\"");
    }

    @Test
    @DisplayName("the MPD timeline compresses equal segments into repeats and never drifts")
    void timeline() {
        MediaPlaylist playlist =
                new MediaPlaylist(
                        Path.of("720p"),
                        "init_0.mp4",
                        List.of(
                                new MediaPlaylist.Segment("seg_00000.m4s", 6.0, 1),
                                new MediaPlaylist.Segment("seg_00001.m4s", 6.0, 1),
                                new MediaPlaylist.Segment("seg_00002.m4s", 6.0, 1),
                                new MediaPlaylist.Segment("seg_00003.m4s", 1.5, 1)));
        String mpd =
                DashManifest.write(
                        19.5, 6, List.of(V720), List.of(), Map.of("720p", playlist), null);
        assertThat(mpd)
                .contains("mediaPresentationDuration=\"PT19.500S\"")
                .contains(
                        "initialization=\"720p/init_0.mp4\" media=\"720p/seg_$Number%05d$.m4s\" startNumber=\"0\"")
                .contains("<S t=\"0\" d=\"6000\" r=\"2\"/>")
                .contains("<S t=\"18000\" d=\"1500\"/>");
    }

    @Test
    @DisplayName("the thumbnails track points each cue at its tile of the sprite")
    void thumbnails() {
        String vtt =
                ThumbnailTrack.write(new ThumbnailPlan(2, 160, 90, 3, 2, 5), 9.5, "sprite.jpg");
        assertThat(vtt)
                .startsWith("WEBVTT\n")
                .contains("00:00:00.000 --> 00:00:02.000\nsprite.jpg#xywh=0,0,160,90")
                .contains("00:00:06.000 --> 00:00:08.000\nsprite.jpg#xywh=0,90,160,90")
                .contains("00:00:08.000 --> 00:00:09.500\nsprite.jpg#xywh=160,90,160,90");
    }

    @Test
    @DisplayName("container languages become RFC 5646 tags")
    void languages() {
        assertThat(Languages.rfc5646("eng")).isEqualTo("en");
        assertThat(Languages.rfc5646("deu")).isEqualTo("de");
        assertThat(Languages.rfc5646("und")).isEqualTo("und");
        assertThat(Languages.rfc5646(null)).isNull();
    }
}
