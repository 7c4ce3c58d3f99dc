package dev.lectern.transcode.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.infra.media.MediaProbe;
import dev.lectern.infra.media.SourceFacts;
import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestMedia;
import dev.lectern.transcode.Cancellation;
import dev.lectern.transcode.RenditionSet;
import dev.lectern.transcode.TranscodeProgress;
import dev.lectern.transcode.TranscodeRequest;
import dev.lectern.transcode.TranscodeResult;
import dev.lectern.transcode.analysis.ContentKind;
import dev.lectern.transcode.ffmpeg.FfmpegTranscoder;
import dev.lectern.transcode.ffmpeg.TranscodeOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Transcoding a slide recording with the real ffmpeg")
class SlideTranscodeTest {
    static TranscodeResult result;
    static SourceFacts facts;
    static final List<TranscodeProgress> progress = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void transcode() {
        Path dir = TestDirs.create("slides");
        Path source = Sources.slides(dir, "slides.mp4", 1280, 720, 20);
        facts = new MediaProbe(TestMedia.tools()).probe(source);
        var transcoder = new FfmpegTranscoder(TestMedia.tools(), new TranscodeOptions(2, 4, 60));
        result =
                transcoder.transcode(
                        new TranscodeRequest(
                                source,
                                facts,
                                dir.resolve("work"),
                                progress::add,
                                new Cancellation()));
        System.out.println(result.renditions().toJson().encodePrettily());
    }

    @Test
    @DisplayName(
            "recognises slides as a screencast and keeps 720p and 540p rungs at low frame rates")
    void screencastLadder() {
        RenditionSet set = result.renditions();
        assertThat(set.kind()).isEqualTo(ContentKind.SCREENCAST);
        assertThat(set.video())
                .extracting(RenditionSet.VideoOutput::id)
                .containsExactly("720p", "540p");
    }
}
