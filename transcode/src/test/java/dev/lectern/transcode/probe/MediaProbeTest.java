package dev.lectern.transcode.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lectern.infra.media.MediaInput;
import dev.lectern.infra.media.MediaProbe;
import dev.lectern.infra.media.MediaProbeException;
import dev.lectern.infra.media.SourceFacts;
import dev.lectern.infra.media.SourceFacts.DurationSource;
import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Probing sources with ffprobe")
class MediaProbeTest {
    static Path dir;
    static MediaProbe probe;

    @BeforeAll
    static void setUp() {
        dir = TestDirs.create("probe");
        probe = new MediaProbe(TestMedia.tools());
    }

    @Test
    @DisplayName("reads container, duration, video and the default audio of an ordinary MP4")
    void ordinaryMp4() {
        Path file = TestMedia.videoWithTone(dir, "plain.mp4", 320, 180, 25, 2);
        SourceFacts facts = probe.probe(MediaInput.file(file));
        assertThat(facts.container()).contains("mp4");
        assertThat(facts.durationSeconds()).isCloseTo(2, within(0.1));
        assertThat(facts.durationSource()).isEqualTo(DurationSource.HEADER);
        assertThat(facts.video().codec()).isEqualTo("h264");
        assertThat(facts.video().width()).isEqualTo(320);
        assertThat(facts.video().height()).isEqualTo(180);
        assertThat(facts.video().bitDepth()).isEqualTo(8);
        assertThat(facts.video().frameRate()).isCloseTo(25, within(0.01));
        assertThat(facts.video().variableFrameRate()).isFalse();
        assertThat(facts.chosenAudio())
                .get()
                .satisfies(a -> assertThat(a.codec()).isEqualTo("aac"));
    }

    @Test
    @DisplayName("reads display rotation, HEVC and 10-bit depth of a phone-style video")
    void rotatedHevc10Bit() {
        Path rotated = TestMedia.rotatedPhoneVideo(dir, "rotated.mov", 320, 180, 1, false);
        SourceFacts facts = probe.probe(MediaInput.file(rotated));
        assertThat(facts.video().codec()).isEqualTo("hevc");
        assertThat(facts.video().bitDepth()).isEqualTo(10);
        assertThat(facts.video().rotation()).isEqualTo(90);
        assertThat(facts.video().displayWidth()).isEqualTo(180);
        assertThat(facts.video().displayHeight()).isEqualTo(320);
        assertThat(facts.hasAudio()).isFalse();
    }

    @Test
    @DisplayName("measures the duration of a browser-style WebM whose header has none")
    void webmWithoutDuration() {
        Path webm = dir.resolve("live.webm");
        TestMedia.ffmpeg(
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        "testsrc2=size=160x90:rate=30",
                        "-f",
                        "lavfi",
                        "-i",
                        "sine=sample_rate=48000",
                        "-t",
                        "3",
                        "-c:v",
                        "libvpx",
                        "-deadline",
                        "realtime",
                        "-c:a",
                        "libopus",
                        "-live",
                        "1",
                        "-f",
                        "webm",
                        webm.toString()));
        SourceFacts facts = probe.probe(MediaInput.file(webm));
        assertThat(facts.durationSource()).isNotEqualTo(DurationSource.HEADER);
        assertThat(facts.durationSeconds()).isCloseTo(3, within(0.2));
        assertThat(facts.video().codec()).isEqualTo("vp8");
        // A length measured when the file was accepted is taken instead of reading it all again
        // (a deliberately different figure shows which one was used).
        assertThat(probe.probe(MediaInput.file(webm), 42.0).durationSeconds()).isEqualTo(42.0);
        assertThat(probe.probe(MediaInput.file(webm), null).durationSeconds())
                .isCloseTo(3, within(0.2));
    }

    @Test
    @DisplayName("flags variable frame rate when frames are unevenly spaced")
    void variableFrameRate() {
        Path vfr = dir.resolve("vfr.mp4");
        TestMedia.ffmpeg(
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        "testsrc2=size=160x90:rate=30",
                        "-t",
                        "4",
                        "-vf",
                        "select='lt(n\\,30)+not(mod(n\\,5))'",
                        "-fps_mode",
                        "vfr",
                        "-c:v",
                        "libx264",
                        "-preset",
                        "ultrafast",
                        vfr.toString()));
        SourceFacts facts = probe.probe(MediaInput.file(vfr));
        assertThat(facts.video().variableFrameRate()).isTrue();
        assertThat(facts.video().averageFrameRate()).isLessThan(20);
    }

    @Test
    @DisplayName("lists every audio track and chooses the default-flagged one")
    void severalAudioTracks() {
        Path file = dir.resolve("tracks.mkv");
        TestMedia.ffmpeg(
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        "sine=frequency=300:sample_rate=48000",
                        "-f",
                        "lavfi",
                        "-i",
                        "sine=frequency=600:sample_rate=44100",
                        "-t",
                        "1",
                        "-map",
                        "0:a",
                        "-map",
                        "1:a",
                        "-c:a",
                        "aac",
                        "-metadata:s:a:0",
                        "language=eng",
                        "-metadata:s:a:1",
                        "language=deu",
                        "-disposition:a:0",
                        "0",
                        "-disposition:a:1",
                        "default",
                        file.toString()));
        SourceFacts facts = probe.probe(MediaInput.file(file));
        assertThat(facts.hasVideo()).isFalse();
        assertThat(facts.audioStreams())
                .extracting(
                        a -> a.index(),
                        a -> a.language(),
                        a -> a.sampleRate(),
                        a -> a.defaultDisposition())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0, "eng", 48000, false),
                        org.assertj.core.groups.Tuple.tuple(1, "deu", 44100, true));
        assertThat(facts.chosenAudioIndex()).isEqualTo(1);
    }

    @Test
    @DisplayName("survives a round trip through JSON, as stored in lectures.source_facts")
    void jsonRoundTrip() {
        SourceFacts facts =
                probe.probe(
                        MediaInput.file(TestMedia.videoWithTone(dir, "json.mp4", 160, 90, 10, 1)));
        SourceFacts back = SourceFacts.fromJson(facts.toJson());
        assertThat(back).isEqualTo(facts);
        assertThat(facts.toJson().getJsonObject("video").getInteger("width")).isEqualTo(160);
    }

    @Test
    @DisplayName("throws a typed error for a file ffprobe cannot read")
    void unreadable() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.mp4"), "this is not a video");
        assertThatThrownBy(() -> probe.probe(MediaInput.file(junk)))
                .isInstanceOf(MediaProbeException.class)
                .extracting(e -> ((MediaProbeException) e).reason())
                .isEqualTo(MediaProbeException.Reason.UNREADABLE);
    }
}
