package dev.lectern.transcode.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.catalog.RenditionSet;
import dev.lectern.catalog.RenditionSet.VideoOutput;
import dev.lectern.infra.media.MediaTools;
import dev.lectern.infra.media.ProcessResult;
import dev.lectern.infra.media.ProcessRunner;
import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestMedia;
import dev.lectern.transcode.ProgressListener;
import dev.lectern.transcode.TranscodeResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The low-bandwidth promise measured on a 60 s 1080p slide recording: wall time, CPU seconds of
 * ffmpeg, lowest rung with audio, and SSIM of the lowest rung against the source scaled to its
 * size. Takes about a minute on two cores, so it runs only with {@code -Dlectern.bench=true}.
 */
@EnabledIfSystemProperty(named = "lectern.bench", matches = "true")
@DisplayName("Benchmark: a 60 s 1080p slide recording")
class SlideBenchmarkTest {
    private static final Pattern SSIM_ALL = Pattern.compile("All:([0-9.]+)");

    @Test
    @DisplayName("fits the lowest rung with audio in 120 kb/s at SSIM 0.97 or better")
    void slides1080p() throws IOException {
        Path dir = TestDirs.create("bench");
        Path source = Sources.slides(dir, "slides-1080p.mp4", 1920, 1080, 60);
        double cpuBefore = childCpuSeconds();
        long start = System.nanoTime();
        TranscodeResult result = Transcodes.run(source, dir.resolve("work"), ProgressListener.NONE);
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = childCpuSeconds() - cpuBefore;
        RenditionSet set = result.renditions();
        VideoOutput lowest = set.video().getLast();
        long lowestWithAudio =
                lowest.averageBandwidth() + set.audio().getFirst().averageBandwidth();
        double ssim =
                ssim(OutputChecks.track(result.outputDir(), lowest.playlist()), source, lowest);
        System.out.printf(
                Locale.ROOT,
                "BENCH slides 60s 1080p: wall %.1f s, ffmpeg CPU %.1f s, rungs %s, lowest %s %.1f kb/s"
                        + " with audio (video %.1f + audio %.1f), SSIM lowest vs source %.4f%n",
                wall,
                cpu,
                set.video().stream()
                        .map(
                                v ->
                                        v.id()
                                                + "@"
                                                + v.frameRate()
                                                + "="
                                                + v.averageBandwidth() / 1000
                                                + "k")
                        .toList(),
                lowest.id(),
                lowestWithAudio / 1000.0,
                lowest.averageBandwidth() / 1000.0,
                set.audio().getFirst().averageBandwidth() / 1000.0,
                ssim);
        assertThat(lowestWithAudio).isLessThanOrEqualTo(120_000);
        assertThat(ssim).isGreaterThanOrEqualTo(0.97);
    }

    /** SSIM of a rendition against the source brought to the same size and frame rate. */
    private static double ssim(Path track, Path source, VideoOutput rung) {
        String graph =
                "[0:v]setpts=PTS-STARTPTS[dist];[1:v]fps=%s,scale=%d:%d:flags=lanczos,setpts=PTS-STARTPTS[ref];[dist][ref]ssim"
                        .formatted(rung.frameRate(), rung.width(), rung.height());
        List<String> command =
                List.of(
                        TestMedia.tools().ffmpeg().toString(),
                        "-hide_banner",
                        "-nostdin",
                        "-i",
                        track.toString(),
                        "-i",
                        source.toString(),
                        "-filter_complex",
                        graph,
                        "-f",
                        "null",
                        "-");
        ProcessResult result =
                ProcessRunner.run(
                        MediaTools.processBuilder(command), Duration.ofMinutes(3), 1 << 16);
        Matcher matcher = SSIM_ALL.matcher(result.stderrTail());
        assertThat(matcher.find()).as("ssim output: " + result.stderrTail()).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    /** CPU time of finished, reaped child processes (utime + stime of children in /proc). */
    private static double childCpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // Fields after the command name start at field 3; cutime is field 16, cstime 17.
        long ticks = Long.parseLong(fields[16 - 3]) + Long.parseLong(fields[17 - 3]);
        return ticks / 100.0;
    }
}
