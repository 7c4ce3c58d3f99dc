package dev.lectern.transcode.ladder;

import dev.lectern.catalog.ContentAnalysis;
import dev.lectern.catalog.ContentKind;
import dev.lectern.infra.media.SourceFacts;
import dev.lectern.infra.media.SourceFacts.VideoFacts;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides the ladder for a source: a pure function of what the probe and the analysis measured,
 * so every rule here is covered by the table in {@code LadderPlannerTest}.
 *
 * <p>Rules: never upscale; rung sizes follow the source's displayed aspect (rotation applied,
 * portrait sized by its short side); even dimensions; a constant output frame rate even from
 * variable-rate input. Screencasts keep resolution and give up frame rate, so text stays legible
 * at every rung, and their lowest rung with audio fits {@value #LOW_BANDWIDTH_KBPS} kb/s. Audio is
 * speech-first: mono unless the source really is stereo, and a mono {@value #AUDIO_ONLY_KBPS} kb/s
 * rendition is always there for listening alone.
 */
public final class LadderPlanner {
    public static final int SEGMENT_SECONDS = 6;
    public static final int LOW_BANDWIDTH_KBPS = 120;
    public static final int AUDIO_ONLY_KBPS = 48;

    /**
     * What fMP4 packaging adds on the wire to each of the lowest rung's two streams (box headers of
     * every fragment): measured at about 2 kb/s each on the benchmark screencast.
     */
    static final int PACKAGING_KBPS = 3;

    static final int SAMPLE_RATE = 48_000;
    static final int CAMERA_MAX_FPS = 30;
    static final int SCREENCAST_FPS = 15;
    static final int SLIDES_FPS = 10;
    static final int LOWEST_SCREENCAST_FPS = 5;

    /** Above this share of static frames a screencast is slides: 10 fps is plenty. */
    static final double SLIDES_STATIC_FRACTION = 0.9;

    private static final List<Step> CAMERA_STEPS =
            List.of(
                    new Step(1080, 23, 4000),
                    new Step(720, 23, 2200),
                    new Step(480, 24, 1000),
                    new Step(360, 25, 600));
    private static final List<Step> SCREENCAST_STEPS =
            List.of(new Step(1080, 23, 1500), new Step(720, 24, 800), new Step(540, 26, 400));
    private static final int LOWEST_SCREENCAST_CRF = 26;
    private static final int DOWNLOAD_MAX_SHORT_SIDE = 720;
    private static final int THUMB_LONG_SIDE = 160;
    private static final int MAX_THUMBS = 100;
    private static final int SPRITE_COLUMNS = 10;

    private LadderPlanner() {}

    /** One conventional rung: short side in pixels, CRF and bitrate ceiling. */
    private record Step(int shortSide, int crf, int maxrateKbps) {}

    public static Ladder plan(SourceFacts facts, ContentAnalysis analysis) {
        VideoFacts video = facts.video();
        ContentKind kind =
                video == null
                        ? ContentKind.AUDIO_ONLY
                        : analysis.kind() == ContentKind.AUDIO_ONLY
                                ? ContentKind.CAMERA
                                : analysis.kind();
        List<AudioRendition> audio = audio(facts, analysis, kind);
        double duration = Math.max(1, facts.durationSeconds());
        if (video == null) {
            return new Ladder(
                    kind,
                    List.of(),
                    audio,
                    facts.chosenAudioIndex(),
                    SEGMENT_SECONDS,
                    null,
                    0,
                    0,
                    0,
                    null);
        }
        int groupAudioKbps =
                audio.stream()
                        .filter(AudioRendition::inGroup)
                        .mapToInt(AudioRendition::bitrateKbps)
                        .sum();
        List<VideoRung> rungs =
                kind == ContentKind.SCREENCAST
                        ? screencastRungs(video, analysis, groupAudioKbps)
                        : cameraRungs(video);
        VideoRung download =
                rungs.stream()
                        .filter(r -> Math.min(r.width(), r.height()) <= DOWNLOAD_MAX_SHORT_SIDE)
                        .findFirst()
                        .orElse(rungs.getLast());
        return new Ladder(
                kind,
                rungs,
                audio,
                facts.chosenAudioIndex(),
                SEGMENT_SECONDS,
                download.id(),
                Math.min(30, duration * 0.1),
                download.width(),
                download.height(),
                thumbnails(video, duration));
    }

    private static List<AudioRendition> audio(
            SourceFacts facts, ContentAnalysis analysis, ContentKind kind) {
        if (!facts.hasAudio()) {
            return List.of();
        }
        int sourceChannels = facts.chosenAudio().map(a -> a.channels()).orElse(1);
        boolean stereo = sourceChannels >= 2 && analysis.stereoAudio();
        if (!stereo) {
            // One mono encode serves the video variants and the audio-only variant alike.
            return List.of(
                    new AudioRendition("audio", 1, AUDIO_ONLY_KBPS, SAMPLE_RATE, true, true));
        }
        int stereoKbps = kind == ContentKind.SCREENCAST ? 64 : 96;
        return List.of(
                new AudioRendition("audio", 2, stereoKbps, SAMPLE_RATE, true, false),
                new AudioRendition("audio-low", 1, AUDIO_ONLY_KBPS, SAMPLE_RATE, false, true));
    }

    private static List<VideoRung> cameraRungs(VideoFacts video) {
        FrameRate fps = cameraFrameRate(video);
        List<VideoRung> rungs = new ArrayList<>();
        for (Step step : fitting(CAMERA_STEPS, video)) {
            int[] size = size(video, step.shortSide());
            rungs.add(
                    new VideoRung(
                            step.shortSide() + "p",
                            size[0],
                            size[1],
                            fps,
                            step.crf(),
                            step.maxrateKbps(),
                            step.maxrateKbps() * 2,
                            "veryfast",
                            null));
        }
        return rungs;
    }

    private static List<VideoRung> screencastRungs(
            VideoFacts video, ContentAnalysis analysis, int groupAudioKbps) {
        int topCap =
                analysis.staticFrameFraction() >= SLIDES_STATIC_FRACTION
                        ? SLIDES_FPS
                        : SCREENCAST_FPS;
        List<Step> steps = fitting(SCREENCAST_STEPS, video);
        List<VideoRung> rungs = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            int[] size = size(video, step.shortSide());
            boolean lowest = i == steps.size() - 1;
            FrameRate fps = screencastFrameRate(video, lowest ? LOWEST_SCREENCAST_FPS : topCap);
            int maxrate = step.maxrateKbps();
            int crf = step.crf();
            int bufsize = maxrate * 3;
            if (lowest) {
                // The low-bandwidth promise: this rung plus the audio group within 120 kb/s as
                // delivered, packaging included. A
                // buffer of one segment lets a slide change spend the bits static seconds saved.
                maxrate = Math.max(40, LOW_BANDWIDTH_KBPS - groupAudioKbps - 2 * PACKAGING_KBPS);
                crf = LOWEST_SCREENCAST_CRF;
                bufsize = maxrate * SEGMENT_SECONDS;
            }
            rungs.add(
                    new VideoRung(
                            step.shortSide() + "p",
                            size[0],
                            size[1],
                            fps,
                            crf,
                            maxrate,
                            bufsize,
                            "veryfast",
                            "stillimage"));
        }
        return rungs;
    }

    /**
     * The steps no larger than the source; a source smaller than every step gets one rung at its
     * own size, scaled by the bitrate of the smallest step in proportion to its area.
     */
    private static List<Step> fitting(List<Step> steps, VideoFacts video) {
        int shortSide = Math.min(video.displayWidth(), video.displayHeight());
        List<Step> fitting = steps.stream().filter(s -> s.shortSide() <= shortSide).toList();
        if (!fitting.isEmpty()) {
            return fitting;
        }
        Step smallest = steps.getLast();
        int even = even(shortSide);
        double area = (double) even * even / ((double) smallest.shortSide() * smallest.shortSide());
        return List.of(
                new Step(
                        even,
                        smallest.crf(),
                        (int) Math.max(100, Math.round(smallest.maxrateKbps() * area))));
    }

    /** Width and height for a rung whose short side is {@code shortSide}, keeping the aspect. */
    static int[] size(VideoFacts video, int shortSide) {
        int w = video.displayWidth();
        int h = video.displayHeight();
        if (h <= w) {
            return new int[] {even((double) w * shortSide / h), shortSide};
        }
        return new int[] {shortSide, even((double) h * shortSide / w)};
    }

    private static int even(double value) {
        return (int) Math.max(2, Math.round(value / 2) * 2);
    }

    /**
     * Camera footage keeps its rate up to 30 fps; 50/60 fps sources are halved (every other frame,
     * so motion stays even); variable-rate input gets the nearest whole rate of its average.
     */
    static FrameRate cameraFrameRate(VideoFacts video) {
        double fps = video.frameRate();
        if (fps <= 0) {
            return FrameRate.of(CAMERA_MAX_FPS);
        }
        if (video.variableFrameRate()) {
            return FrameRate.of((int) Math.max(1, Math.min(CAMERA_MAX_FPS, Math.round(fps))));
        }
        FrameRate nearest = FrameRate.nearest(fps);
        if (nearest.value() > CAMERA_MAX_FPS + 0.01) {
            FrameRate half =
                    nearest.numerator() % 2 == 0
                            ? new FrameRate(nearest.numerator() / 2, nearest.denominator())
                            : new FrameRate(nearest.numerator(), nearest.denominator() * 2);
            return half.value() <= CAMERA_MAX_FPS + 0.01 ? half : FrameRate.of(CAMERA_MAX_FPS);
        }
        return nearest;
    }

    /**
     * A screencast rung's rate: the cap, or the source's own rate if lower. Variable-rate screen
     * recordings skip frames while nothing changes, so their average understates the motion; they
     * get the cap.
     */
    static FrameRate screencastFrameRate(VideoFacts video, int cap) {
        double fps = video.frameRate();
        if (video.variableFrameRate() || fps <= 0 || fps >= cap) {
            return FrameRate.of(cap);
        }
        return FrameRate.nearest(fps);
    }

    private static ThumbnailPlan thumbnails(VideoFacts video, double duration) {
        int interval = (int) Math.max(2, Math.ceil(duration / MAX_THUMBS));
        int count = (int) Math.max(1, Math.ceil(duration / interval));
        int w = video.displayWidth();
        int h = video.displayHeight();
        int thumbWidth = w >= h ? THUMB_LONG_SIDE : even((double) THUMB_LONG_SIDE * w / h);
        int thumbHeight = w >= h ? even((double) THUMB_LONG_SIDE * h / w) : THUMB_LONG_SIDE;
        int columns = Math.min(SPRITE_COLUMNS, count + 1);
        // One spare cell: the fps filter may emit one more frame than the cues at the very end.
        int rows = (count + 1 + columns - 1) / columns;
        return new ThumbnailPlan(interval, thumbWidth, thumbHeight, columns, rows, count);
    }
}
