package dev.lectern.transcode.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.catalog.ContentKind;
import dev.lectern.catalog.RenditionSet;
import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestMedia;
import dev.lectern.transcode.ProgressListener;
import dev.lectern.transcode.TranscodeResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Transcoding camera footage without audio, and audio without video")
class CameraAndAudioTranscodeTest {

    @Test
    @DisplayName("silent camera footage gets a conventional ladder and no audio group")
    void silentCamera() throws Exception {
        Path dir = TestDirs.create("camera");
        Path source = Sources.silentCamera(dir, "camera.mp4", 854, 480, 12);
        TranscodeResult result = Transcodes.run(source, dir.resolve("work"), ProgressListener.NONE);
        RenditionSet set = result.renditions();
        assertThat(set.kind()).isEqualTo(ContentKind.CAMERA);
        assertThat(set.video())
                .extracting(RenditionSet.VideoOutput::id)
                .containsExactly("480p", "360p");
        assertThat(set.video()).allSatisfy(v -> assertThat(v.frameRate()).isEqualTo("30.000"));
        assertThat(set.audio()).isEmpty();
        assertThat(set.audioOnlyPlaylist()).isNull();
        assertThat(set.downloads().audio()).isNull();
        OutputChecks.videoRenditions(result.outputDir(), set);
        OutputChecks.master(result.outputDir(), set);
        OutputChecks.dash(result.outputDir(), set);
        OutputChecks.thumbnails(result.outputDir(), set);
        OutputChecks.downloads(result.outputDir(), set, 12);
        OutputChecks.playsBack(result.outputDir(), true);
    }

    @Test
    @DisplayName("an audio-only source gets an audio-only ladder: no video, poster or sprite")
    void audioOnly() throws Exception {
        Path dir = TestDirs.create("audio");
        Path source = TestMedia.toneOnly(dir, "webinar.m4a", 9);
        TranscodeResult result = Transcodes.run(source, dir.resolve("work"), ProgressListener.NONE);
        RenditionSet set = result.renditions();
        assertThat(set.kind()).isEqualTo(ContentKind.AUDIO_ONLY);
        assertThat(set.video()).isEmpty();
        assertThat(set.poster()).isNull();
        assertThat(set.thumbnails()).isNull();
        assertThat(set.downloads().video()).isNull();
        assertThat(Files.exists(result.outputDir().resolve("thumbs"))).isFalse();
        OutputChecks.audioRenditions(result.outputDir(), set);
        OutputChecks.master(result.outputDir(), set);
        OutputChecks.dash(result.outputDir(), set);
        OutputChecks.downloads(result.outputDir(), set, 9);
        OutputChecks.playsBack(result.outputDir(), false);
    }

    @Test
    @DisplayName(
            "really stereo audio keeps a stereo rendition and adds a mono 48 kb/s one for listening alone")
    void stereoAudio() throws Exception {
        Path dir = TestDirs.create("stereo");
        Path source = dir.resolve("stereo.m4a");
        TestMedia.ffmpeg(
                java.util.List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        "sine=frequency=300:sample_rate=48000",
                        "-f",
                        "lavfi",
                        "-i",
                        "sine=frequency=700:sample_rate=48000",
                        "-t",
                        "7",
                        "-filter_complex",
                        "[0:a][1:a]join=inputs=2:channel_layout=stereo",
                        "-c:a",
                        "aac",
                        source.toString()));
        TranscodeResult result = Transcodes.run(source, dir.resolve("work"), ProgressListener.NONE);
        RenditionSet set = result.renditions();
        assertThat(set.analysis().stereoAudio()).isTrue();
        assertThat(set.audio())
                .extracting(RenditionSet.AudioOutput::id, RenditionSet.AudioOutput::channels)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("audio", 2),
                        org.assertj.core.groups.Tuple.tuple("audio-low", 1));
        assertThat(set.audioOnlyPlaylist()).isEqualTo("audio-low/index.m3u8");
        OutputChecks.audioRenditions(result.outputDir(), set);
        OutputChecks.master(result.outputDir(), set);
        OutputChecks.dash(result.outputDir(), set);
    }
}
