package dev.lectern.transcode.ladder;

import static dev.lectern.transcode.ladder.Fixtures.camera;
import static dev.lectern.transcode.ladder.Fixtures.facts;
import static dev.lectern.transcode.ladder.Fixtures.screencast;
import static dev.lectern.transcode.ladder.Fixtures.stereo;
import static dev.lectern.transcode.ladder.Fixtures.video;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.lectern.catalog.ContentAnalysis;
import dev.lectern.catalog.ContentKind;
import dev.lectern.infra.media.SourceFacts;
import dev.lectern.infra.media.SourceFacts.AudioStreamFacts;
import dev.lectern.infra.media.SourceFacts.DurationSource;
import dev.lectern.infra.media.SourceFacts.VideoFacts;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("The ladder planner")
class LadderPlannerTest {

    /** One row of the table: a source, its analysis, and the rungs expected (id, w, h, fps). */
    record Case(SourceFacts facts, ContentAnalysis analysis, List<Object[]> rungs) {}

    static final VideoFacts ROTATED_PHONE =
            new VideoFacts(0, "hevc", "Main 10", 1920, 1080, 90, "yuv420p10le", 10, 30, 30, false);
    static final VideoFacts VFR_SCREEN =
            new VideoFacts(0, "h264", "High", 1920, 1080, 0, "yuv420p", 8, 12.3, 60, true);
    static final VideoFacts BROWSER_WEBM =
            new VideoFacts(0, "vp8", null, 640, 360, 0, "yuv420p", 8, 29.8, 1000, true);

    static Stream<Arguments> table() {
        return Stream.of(
                row(
                        "1080p slide screencast",
                        facts(video(1920, 1080, 30, 30), 600, stereo(1)),
                        screencast(0.95),
                        rung("1080p", 1920, 1080, "10"),
                        rung("720p", 1280, 720, "10"),
                        rung("540p", 960, 540, "5")),
                row(
                        "4K camera at 59.94 fps",
                        facts(video(3840, 2160, 59.94, 59.94), 600, stereo(1)),
                        camera(true),
                        rung("1080p", 1920, 1080, "30000/1001"),
                        rung("720p", 1280, 720, "30000/1001"),
                        rung("480p", 854, 480, "30000/1001"),
                        rung("360p", 640, 360, "30000/1001")),
                row(
                        "1366x767 odd-sized camera",
                        facts(video(1366, 767, 25, 25), 60, stereo(1)),
                        camera(false),
                        rung("720p", 1282, 720, "25"),
                        rung("480p", 854, 480, "25"),
                        rung("360p", 642, 360, "25")),
                row(
                        "720x1280 portrait camera",
                        facts(video(720, 1280, 30, 30), 60, stereo(1)),
                        camera(false),
                        rung("720p", 720, 1280, "30"),
                        rung("480p", 480, 854, "30"),
                        rung("360p", 360, 640, "30")),
                row(
                        "rotated phone video, HEVC 10-bit",
                        facts(ROTATED_PHONE, 60, stereo(1)),
                        camera(true),
                        rung("1080p", 1080, 1920, "30"),
                        rung("720p", 720, 1280, "30"),
                        rung("480p", 480, 854, "30"),
                        rung("360p", 360, 640, "30")),
                row(
                        "5 fps slides with one keyframe",
                        facts(video(1280, 720, 5, 5), 300, stereo(1)),
                        screencast(1.0),
                        rung("720p", 1280, 720, "5"),
                        rung("540p", 960, 540, "5")),
                row(
                        "variable-frame-rate screen recording",
                        facts(VFR_SCREEN, 300, stereo(1)),
                        screencast(0.8),
                        rung("1080p", 1920, 1080, "15"),
                        rung("720p", 1280, 720, "15"),
                        rung("540p", 960, 540, "5")),
                row(
                        "browser WebM without a duration in its header",
                        new SourceFacts(
                                "matroska,webm",
                                42,
                                DurationSource.PACKETS,
                                BROWSER_WEBM,
                                List.of(
                                        new AudioStreamFacts(
                                                1, "opus", 1, "mono", 48000, null, true)),
                                1,
                                500_000),
                        camera(false),
                        rung("360p", 640, 360, "30")),
                row(
                        "audio only",
                        facts(null, 3600, stereo(0)),
                        ContentAnalysis.audioOnly(false, -80.0)),
                row(
                        "video without audio",
                        facts(video(1280, 720, 30, 30), 60),
                        camera(false),
                        rung("720p", 1280, 720, "30"),
                        rung("480p", 854, 480, "30"),
                        rung("360p", 640, 360, "30")),
                row(
                        "several audio tracks, the second one default",
                        facts(
                                video(640, 360, 30, 30),
                                60,
                                new AudioStreamFacts(1, "aac", 2, "stereo", 48000, "eng", false),
                                new AudioStreamFacts(2, "aac", 1, "mono", 44100, "deu", true)),
                        camera(false),
                        rung("360p", 640, 360, "30")));
    }

    static Arguments row(
            String name, SourceFacts facts, ContentAnalysis analysis, Object[]... rungs) {
        return Arguments.of(Named.of(name, new Case(facts, analysis, List.of(rungs))));
    }

    static Object[] rung(String id, int w, int h, String fps) {
        return new Object[] {id, w, h, fps};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    @DisplayName("gives each source the rungs its size, aspect and content call for")
    void rungs(Case c) {
        Ladder ladder = LadderPlanner.plan(c.facts(), c.analysis());
        assertThat(ladder.video())
                .extracting(
                        VideoRung::id,
                        VideoRung::width,
                        VideoRung::height,
                        r -> r.frameRate().ffmpeg())
                .containsExactlyElementsOf(c.rungs().stream().map(r -> tuple(r)).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    @DisplayName("never upscales, keeps the aspect, and uses even sizes")
    void geometry(Case c) {
        Ladder ladder = LadderPlanner.plan(c.facts(), c.analysis());
        if (c.facts().video() == null) {
            assertThat(ladder.video()).isEmpty();
            return;
        }
        VideoFacts v = c.facts().video();
        double aspect = (double) v.displayWidth() / v.displayHeight();
        for (VideoRung rung : ladder.video()) {
            assertThat(rung.width()).isLessThanOrEqualTo(v.displayWidth());
            assertThat(rung.height()).isLessThanOrEqualTo(v.displayHeight());
            assertThat(rung.width() % 2).isZero();
            assertThat(rung.height() % 2).isZero();
            assertThat((double) rung.width() / rung.height())
                    .isCloseTo(aspect, within(0.01 * aspect));
            if (!v.variableFrameRate()) {
                assertThat(rung.frameRate().value()).isLessThanOrEqualTo(v.frameRate() + 0.01);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    @DisplayName(
            "keeps speech audio mono unless the source really is stereo, with a 48 kb/s audio-only rendition")
    void audio(Case c) {
        Ladder ladder = LadderPlanner.plan(c.facts(), c.analysis());
        if (!c.facts().hasAudio()) {
            assertThat(ladder.audio()).isEmpty();
            assertThat(ladder.sourceAudioIndex()).isNull();
            return;
        }
        assertThat(ladder.sourceAudioIndex()).isEqualTo(c.facts().chosenAudioIndex());
        assertThat(ladder.audioOnly().bitrateKbps()).isLessThanOrEqualTo(48);
        assertThat(ladder.audioOnly().channels()).isEqualTo(1);
        assertThat(ladder.groupAudio().channels()).isEqualTo(c.analysis().stereoAudio() ? 2 : 1);
        assertThat(ladder.audio().stream().filter(AudioRendition::inGroup)).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    @DisplayName(
            "puts a keyframe at every segment boundary of every rung and picks a mid rung for download")
    void keyframesAndDownload(Case c) {
        Ladder ladder = LadderPlanner.plan(c.facts(), c.analysis());
        assertThat(ladder.segmentSeconds()).isBetween(4, 6);
        for (VideoRung rung : ladder.video()) {
            double gopSeconds =
                    rung.frameRate().framesIn(ladder.segmentSeconds()) / rung.frameRate().value();
            assertThat(gopSeconds).isCloseTo(ladder.segmentSeconds(), within(0.01));
        }
        if (ladder.hasVideo()) {
            VideoRung download = ladder.downloadRung();
            assertThat(Math.min(download.width(), download.height())).isLessThanOrEqualTo(720);
            assertThat(ladder.thumbnails().columns() * ladder.thumbnails().rows())
                    .isGreaterThan(ladder.thumbnails().count());
        } else {
            assertThat(ladder.downloadRungId()).isNull();
            assertThat(ladder.thumbnails()).isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    @DisplayName(
            "tunes screencasts for still images and caps their lowest rung with audio at 120 kb/s")
    void screencastBudget(Case c) {
        Ladder ladder = LadderPlanner.plan(c.facts(), c.analysis());
        if (ladder.kind() != ContentKind.SCREENCAST) {
            assertThat(ladder.video()).allSatisfy(r -> assertThat(r.tune()).isNull());
            return;
        }
        assertThat(ladder.video()).allSatisfy(r -> assertThat(r.tune()).isEqualTo("stillimage"));
        assertThat(ladder.video())
                .allSatisfy(r -> assertThat(r.frameRate().value()).isLessThanOrEqualTo(15));
        int audioKbps = ladder.hasAudio() ? ladder.groupAudio().bitrateKbps() : 0;
        assertThat(ladder.lowestRung().maxrateKbps() + audioKbps).isLessThanOrEqualTo(120);
        assertThat(Math.min(ladder.lowestRung().width(), ladder.lowestRung().height()))
                .as("text stays legible: the lowest screencast rung keeps 540 lines")
                .isGreaterThanOrEqualTo(540);
    }

    private static org.assertj.core.data.Offset<Double> within(double value) {
        return org.assertj.core.data.Offset.offset(value);
    }
}
