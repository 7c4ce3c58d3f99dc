package dev.lectern.transcode.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.catalog.ContentKind;
import dev.lectern.catalog.RenditionSet;
import dev.lectern.testkit.TestDirs;
import dev.lectern.transcode.TranscodeProgress;
import dev.lectern.transcode.TranscodeProgress.Phase;
import dev.lectern.transcode.TranscodeResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Transcoding a 720p slide recording with narration")
class SlideTranscodeTest {
    static final double SECONDS = 20;
    static Path work;
    static TranscodeResult result;
    static final List<TranscodeProgress> progress = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void transcode() {
        Path dir = TestDirs.create("slides");
        Path source = Sources.slides(dir, "slides.mp4", 1280, 720, SECONDS);
        work = dir.resolve("work");
        result = Transcodes.run(source, work, progress::add);
    }

    @Test
    @DisplayName("recognises a screencast and keeps 720p and 540p rungs at capped frame rates")
    void screencastLadder() {
        RenditionSet set = result.renditions();
        assertThat(set.kind()).isEqualTo(ContentKind.SCREENCAST);
        assertThat(set.analysis().staticFrameFraction()).isGreaterThan(0.7);
        assertThat(set.video())
                .extracting(RenditionSet.VideoOutput::id, RenditionSet.VideoOutput::frameRate)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("720p", "15.000"),
                        org.assertj.core.groups.Tuple.tuple("540p", "5.000"));
    }

    @Test
    @DisplayName("keeps the lowest rung with its audio under 120 kb/s")
    void lowBandwidth() {
        RenditionSet set = result.renditions();
        long lowest =
                set.video().getLast().averageBandwidth()
                        + set.audio().getFirst().averageBandwidth();
        assertThat(lowest).isLessThanOrEqualTo(120_000);
    }

    @Test
    @DisplayName(
            "writes every rung with the planned size, rate and codec, keyframes aligned on 6 s boundaries")
    void videoRenditions() {
        OutputChecks.videoRenditions(result.outputDir(), result.renditions());
    }

    @Test
    @DisplayName(
            "encodes the narration once, mono AAC-LC, as the audio group and the audio-only variant")
    void audio() {
        RenditionSet set = result.renditions();
        assertThat(set.audio()).hasSize(1);
        assertThat(set.audio().getFirst().inGroup()).isTrue();
        assertThat(set.audio().getFirst().audioOnlyVariant()).isTrue();
        assertThat(set.sourceAudioIndex()).isEqualTo(1);
        OutputChecks.audioRenditions(result.outputDir(), set);
    }

    @Test
    @DisplayName(
            "writes an RFC 8216 master playlist with the audio group, and it plays back in ffmpeg")
    void hls() throws Exception {
        OutputChecks.master(result.outputDir(), result.renditions());
        OutputChecks.playsBack(result.outputDir(), true);
    }

    @Test
    @DisplayName("writes a DASH MPD over the same segments")
    void dash() throws Exception {
        OutputChecks.dash(result.outputDir(), result.renditions());
    }

    @Test
    @DisplayName("writes a poster, a thumbnail sprite with its WebVTT track, and the downloads")
    void extras() throws Exception {
        OutputChecks.thumbnails(result.outputDir(), result.renditions());
        OutputChecks.downloads(result.outputDir(), result.renditions(), SECONDS);
    }

    @Test
    @DisplayName("reports progress through encoding to done, and leaves no scratch files")
    void progressAndCleanup() {
        assertThat(progress.getFirst().phase()).isEqualTo(Phase.ANALYSING);
        assertThat(progress).anySatisfy(p -> assertThat(p.phase()).isEqualTo(Phase.ENCODING));
        assertThat(progress.getLast()).isEqualTo(new TranscodeProgress(Phase.DONE, 100, 0, 0));
        assertThat(progress).extracting(TranscodeProgress::percent).isSorted();
        assertThat(Files.exists(work.resolve("scratch"))).isFalse();
    }

    @Test
    @DisplayName("describes the result in JSON that reads back unchanged")
    void json() {
        RenditionSet set = result.renditions();
        assertThat(RenditionSet.fromJson(set.toJson())).isEqualTo(set);
    }
}
