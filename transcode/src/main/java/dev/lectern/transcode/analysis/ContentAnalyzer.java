package dev.lectern.transcode.analysis;

import dev.lectern.catalog.ContentAnalysis;
import dev.lectern.catalog.ContentKind;
import dev.lectern.infra.media.MediaInput;
import dev.lectern.infra.media.MediaTools;
import dev.lectern.infra.media.ProcessResult;
import dev.lectern.infra.media.ProcessRunner;
import dev.lectern.infra.media.SourceFacts;
import dev.lectern.transcode.TranscodeException;
import dev.lectern.transcode.ffmpeg.FilterText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures whether a source is a screencast or camera footage, and whether its audio is really
 * stereo. Cheap by construction: a few short windows spread over the source, decoded without the
 * loop filter, reduced to 2 fps at 160×90, and compared frame to frame with the scene score.
 * Blocking: call it off the event loop.
 */
public final class ContentAnalyzer {
    static final int MAX_WINDOWS = 4;
    static final double WINDOW_SECONDS = 8;
    static final double SAMPLE_FPS = 2;

    /** A scene score below this means the frame did not visibly change. */
    static final double STATIC_SCORE = 0.002;

    /** A scene score above this is a cut or a slide change. */
    static final double SCENE_CHANGE_SCORE = 0.25;

    /** Share of static frames from which a source counts as a screencast. */
    public static final double SCREENCAST_STATIC_FRACTION = 0.7;

    /** Side signal this close to the mid signal (in dB) means the channels really differ. */
    public static final double STEREO_SIDE_TO_MID_DB = -20;

    private final MediaTools tools;

    public ContentAnalyzer(MediaTools tools) {
        this.tools = tools;
    }

    /** A time window of the source to sample. */
    record Window(double start, double length) {}

    public ContentAnalysis analyze(MediaInput source, SourceFacts facts, Path scratch) {
        List<Window> windows = windows(facts.durationSeconds());
        boolean measureStereo = facts.chosenAudio().map(a -> a.channels() >= 2).orElse(false);
        List<String> command = new ArrayList<>(tools.ffmpegCommand());
        List<String> graph = new ArrayList<>();
        List<String> maps = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            Window window = windows.get(i);
            command.addAll(List.of("-threads", "1", "-skip_loop_filter", "all"));
            command.addAll(List.of("-ss", seconds(window.start()), "-t", seconds(window.length())));
            command.addAll(source.args());
            if (facts.hasVideo()) {
                graph.add(
                        "[%d:%d]fps=%s,scale=160:90,setsar=1,select='gte(scene\\,0)',metadata=mode=print:file=%s[v%d]"
                                .formatted(
                                        i,
                                        facts.video().index(),
                                        seconds(SAMPLE_FPS),
                                        FilterText.quote(scoresFile(scratch, i)),
                                        i));
                maps.addAll(List.of("-map", "[v" + i + "]"));
            }
            if (measureStereo) {
                // Mid (L+R) in channel 1 and side (L−R) in channel 2: identical channels leave no
                // side.
                graph.add(
                        ("[%d:%d]aformat=channel_layouts=stereo,pan=stereo|c0=0.5*c0+0.5*c1|c1=0.5*c0-0.5*c1,"
                                        + "astats=metadata=1:reset=0:measure_overall=none:measure_perchannel=RMS_level,"
                                        + "ametadata=mode=print:file=%s[a%d]")
                                .formatted(
                                        i,
                                        facts.chosenAudioIndex(),
                                        FilterText.quote(levelsFile(scratch, i)),
                                        i));
                maps.addAll(List.of("-map", "[a" + i + "]"));
            }
        }
        if (graph.isEmpty()) {
            return ContentAnalysis.audioOnly(false, null);
        }
        command.addAll(List.of("-filter_complex", String.join(";", graph)));
        command.addAll(maps);
        command.addAll(List.of("-f", "null", "-"));
        double sampled = windows.stream().mapToDouble(Window::length).sum();
        Duration limit = Duration.ofSeconds(60 + Math.round(sampled * 2));
        ProcessResult result;
        try {
            result = ProcessRunner.run(MediaTools.processBuilder(command), limit, 64 * 1024);
        } catch (ProcessRunner.TimeoutException e) {
            throw new TranscodeException(
                    TranscodeException.Reason.TIMED_OUT, "content analysis took too long", e);
        }
        if (result.exitCode() != 0) {
            throw new TranscodeException(
                    TranscodeException.Reason.FFMPEG_FAILED,
                    "content analysis failed: " + result.stderrTail().strip());
        }
        Double sideToMid = measureStereo ? sideToMid(scratch, windows.size()) : null;
        boolean stereo = sideToMid != null && sideToMid > STEREO_SIDE_TO_MID_DB;
        if (!facts.hasVideo()) {
            return ContentAnalysis.audioOnly(stereo, sideToMid);
        }
        return pictureAnalysis(scratch, windows.size(), sampled, stereo, sideToMid);
    }

    private ContentAnalysis pictureAnalysis(
            Path scratch, int windowCount, double sampled, boolean stereo, Double sideToMid) {
        int frames = 0;
        int still = 0;
        int changes = 0;
        double total = 0;
        for (int i = 0; i < windowCount; i++) {
            List<Double> scores = MetadataLog.values(scoresFile(scratch, i), "lavfi.scene_score");
            // The first frame of a window has nothing before it to compare with.
            for (double score : scores.subList(Math.min(1, scores.size()), scores.size())) {
                frames++;
                total += score;
                if (score < STATIC_SCORE) {
                    still++;
                }
                if (score > SCENE_CHANGE_SCORE) {
                    changes++;
                }
            }
        }
        double staticFraction = frames == 0 ? 0 : (double) still / frames;
        double perMinute = sampled == 0 ? 0 : changes * 60 / sampled;
        ContentKind kind =
                staticFraction >= SCREENCAST_STATIC_FRACTION
                        ? ContentKind.SCREENCAST
                        : ContentKind.CAMERA;
        return new ContentAnalysis(
                kind,
                sampled,
                frames,
                round(staticFraction),
                round(perMinute),
                frames == 0 ? 0 : round(total / frames),
                stereo,
                sideToMid);
    }

    /** Side level minus mid level in dB, power-averaged over the windows. */
    private static Double sideToMid(Path scratch, int windowCount) {
        double mid = 0;
        double side = 0;
        for (int i = 0; i < windowCount; i++) {
            Path file = levelsFile(scratch, i);
            List<Double> midLevels = MetadataLog.values(file, "lavfi.astats.1.RMS_level");
            List<Double> sideLevels = MetadataLog.values(file, "lavfi.astats.2.RMS_level");
            if (!midLevels.isEmpty() && !sideLevels.isEmpty()) {
                mid += Math.pow(10, midLevels.getLast() / 10);
                side += Math.pow(10, sideLevels.getLast() / 10);
            }
        }
        if (mid <= 0) {
            return null;
        }
        double db = side <= 0 ? -120 : 10 * Math.log10(side / mid);
        return round(Math.max(-120, db));
    }

    /** Up to four windows spread evenly from start to end; short sources are read whole. */
    static List<Window> windows(double duration) {
        if (duration <= WINDOW_SECONDS * MAX_WINDOWS) {
            return List.of(new Window(0, Math.max(duration, 1)));
        }
        List<Window> windows = new ArrayList<>();
        double span = duration - WINDOW_SECONDS;
        for (int i = 0; i < MAX_WINDOWS; i++) {
            windows.add(new Window(span * i / (MAX_WINDOWS - 1), WINDOW_SECONDS));
        }
        return windows;
    }

    private static Path scoresFile(Path scratch, int window) {
        return ensure(scratch).resolve("scene-" + window + ".txt");
    }

    private static Path levelsFile(Path scratch, int window) {
        return ensure(scratch).resolve("levels-" + window + ".txt");
    }

    private static Path ensure(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String seconds(double value) {
        return String.format(java.util.Locale.ROOT, "%.3f", value);
    }

    private static double round(double value) {
        return Math.round(value * 10000) / 10000.0;
    }
}
