package dev.lectern.transcode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.infra.media.MediaInput;
import dev.lectern.infra.media.MediaProbe;
import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestMedia;
import dev.lectern.transcode.Cancellation;
import dev.lectern.transcode.TranscodeException;
import dev.lectern.transcode.TranscodeProgress.Phase;
import dev.lectern.transcode.TranscodeRequest;
import dev.lectern.transcode.ffmpeg.FfmpegTranscoder;
import dev.lectern.transcode.ffmpeg.TranscodeOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Stopping a transcode")
class CancelTranscodeTest {

    @Test
    @DisplayName("cancelling mid-encode kills ffmpeg and leaves an empty work directory")
    void cancelMidEncode() throws Exception {
        Path dir = TestDirs.create("cancel");
        Path source = TestMedia.videoWithTone(dir, "long.mp4", 640, 360, 30, 40);
        var facts = new MediaProbe(TestMedia.tools()).probe(MediaInput.file(source));
        Cancellation cancellation = new Cancellation();
        Path work = dir.resolve("work");
        var request =
                new TranscodeRequest(
                        MediaInput.file(source),
                        facts,
                        work,
                        p -> {
                            if (p.phase() == Phase.ENCODING && p.percent() > 5) {
                                cancellation.cancel();
                            }
                        },
                        cancellation);
        var transcoder = new FfmpegTranscoder(TestMedia.tools(), new TranscodeOptions(1, 4, 60, 0));
        assertThatThrownBy(() -> transcoder.transcode(request))
                .isInstanceOf(TranscodeException.class)
                .extracting(e -> ((TranscodeException) e).reason())
                .isEqualTo(TranscodeException.Reason.CANCELLED);
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty();
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    @DisplayName("a transcode past its time limit is killed and reported as timed out")
    void timeLimit() throws Exception {
        Path dir = TestDirs.create("timeout");
        Path source = TestMedia.videoWithTone(dir, "slow.mp4", 640, 360, 30, 30);
        var facts = new MediaProbe(TestMedia.tools()).probe(MediaInput.file(source));
        Path work = dir.resolve("work");
        // No time per source second and one second of slack: far too little for 30 s of video.
        var transcoder = new FfmpegTranscoder(TestMedia.tools(), new TranscodeOptions(1, 0, 1, 0));
        assertThatThrownBy(
                        () ->
                                transcoder.transcode(
                                        new TranscodeRequest(
                                                MediaInput.file(source),
                                                facts,
                                                work,
                                                p -> {},
                                                new Cancellation())))
                .isInstanceOf(TranscodeException.class)
                .extracting(e -> ((TranscodeException) e).reason())
                .isEqualTo(TranscodeException.Reason.TIMED_OUT);
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    @DisplayName("an ffmpeg failure is reported with its error output and leaves nothing behind")
    void ffmpegFailure() throws Exception {
        Path dir = TestDirs.create("failure");
        Path source = TestMedia.videoWithTone(dir, "short.mp4", 320, 180, 25, 2);
        var facts = new MediaProbe(TestMedia.tools()).probe(MediaInput.file(source));
        // Facts that name an audio stream the file does not have: ffmpeg must refuse the graph.
        var wrong =
                new dev.lectern.infra.media.SourceFacts(
                        facts.container(),
                        facts.durationSeconds(),
                        facts.durationSource(),
                        facts.video(),
                        List.of(
                                new dev.lectern.infra.media.SourceFacts.AudioStreamFacts(
                                        7, "aac", 1, "mono", 48000, null, true)),
                        7,
                        facts.sizeBytes());
        Path work = dir.resolve("work");
        var transcoder = new FfmpegTranscoder(TestMedia.tools(), new TranscodeOptions(1, 4, 60, 0));
        assertThatThrownBy(
                        () ->
                                transcoder.transcode(
                                        new TranscodeRequest(
                                                MediaInput.file(source),
                                                wrong,
                                                work,
                                                p -> {},
                                                new Cancellation())))
                .isInstanceOf(TranscodeException.class)
                .hasMessageContaining("ffmpeg")
                .extracting(e -> ((TranscodeException) e).reason())
                .isEqualTo(TranscodeException.Reason.FFMPEG_FAILED);
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left).isEmpty();
        }
    }
}
