package dev.lectern.transcode.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.catalog.ContentAnalysis;
import dev.lectern.catalog.ContentKind;
import dev.lectern.infra.media.MediaInput;
import dev.lectern.infra.media.MediaProbe;
import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestMedia;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Content analysis")
class ContentAnalyzerTest {
    final ContentAnalyzer analyzer = new ContentAnalyzer(TestMedia.tools());

    private ContentAnalysis analyze(Path file, Path dir) {
        return analyzer.analyze(
                MediaInput.file(file),
                new MediaProbe(TestMedia.tools()).probe(MediaInput.file(file)),
                dir.resolve("scratch"));
    }

    @Test
    @DisplayName("tells moving footage from held slides")
    void slidesVersusCamera() {
        Path dir = TestDirs.create("analysis");
        Path slides = dir.resolve("slides.mp4");
        TestMedia.ffmpeg(
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        "testsrc=size=320x180:rate=0.5,fps=30",
                        "-t",
                        "8",
                        "-c:v",
                        "libx264",
                        "-preset",
                        "ultrafast",
                        slides.toString()));
        Path camera = dir.resolve("camera.mp4");
        TestMedia.ffmpeg(
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        "mandelbrot=size=320x180:rate=30",
                        "-t",
                        "8",
                        "-c:v",
                        "libx264",
                        "-preset",
                        "ultrafast",
                        camera.toString()));
        ContentAnalysis slideAnalysis = analyze(slides, dir);
        ContentAnalysis cameraAnalysis = analyze(camera, dir);
        assertThat(slideAnalysis.kind()).isEqualTo(ContentKind.SCREENCAST);
        assertThat(cameraAnalysis.kind()).isEqualTo(ContentKind.CAMERA);
        assertThat(slideAnalysis.staticFrameFraction())
                .isGreaterThan(cameraAnalysis.staticFrameFraction());
        assertThat(slideAnalysis.sampledFrames()).isBetween(10, 20);
    }

    @Test
    @DisplayName("calls audio stereo only when its two channels differ")
    void stereo() {
        Path dir = TestDirs.create("stereo");
        Path dualMono = dir.resolve("dual-mono.m4a");
        TestMedia.ffmpeg(
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        "sine=frequency=300:sample_rate=48000",
                        "-t",
                        "3",
                        "-ac",
                        "2",
                        "-c:a",
                        "aac",
                        dualMono.toString()));
        Path wide = dir.resolve("stereo.m4a");
        TestMedia.ffmpeg(
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        "sine=frequency=300:sample_rate=48000",
                        "-f",
                        "lavfi",
                        "-i",
                        "sine=frequency=700:sample_rate=48000",
                        "-t",
                        "3",
                        "-filter_complex",
                        "[0:a][1:a]join=inputs=2:channel_layout=stereo",
                        "-c:a",
                        "aac",
                        wide.toString()));
        assertThat(analyze(dualMono, dir).stereoAudio()).isFalse();
        ContentAnalysis stereo = analyze(wide, dir);
        assertThat(stereo.kind()).isEqualTo(ContentKind.AUDIO_ONLY);
        assertThat(stereo.stereoAudio()).isTrue();
    }

    @Test
    @DisplayName("samples at most four short windows of a long source")
    void windows() {
        assertThat(ContentAnalyzer.windows(20)).containsExactly(new ContentAnalyzer.Window(0, 20));
        List<ContentAnalyzer.Window> windows = ContentAnalyzer.windows(600);
        assertThat(windows).hasSize(4);
        assertThat(windows.getLast().start() + windows.getLast().length()).isEqualTo(600);
        assertThat(windows.stream().mapToDouble(ContentAnalyzer.Window::length).sum())
                .isEqualTo(32);
    }
}
