package dev.lectern.bench;

import dev.lectern.catalog.ContentAnalysis;
import dev.lectern.infra.media.MediaInput;
import dev.lectern.infra.media.MediaProbe;
import dev.lectern.infra.media.SourceFacts;
import dev.lectern.slides.deck.Deck;
import dev.lectern.slides.deck.DeckScore;
import dev.lectern.slides.deck.DeckSlide;
import dev.lectern.slides.deck.TestDecks;
import dev.lectern.slides.detect.DetectedSlide;
import dev.lectern.slides.detect.SlideDetector;
import dev.lectern.slides.detect.Thresholds;
import dev.lectern.slides.ocr.SlideFrames;
import dev.lectern.slides.ocr.SlideText;
import dev.lectern.slides.ocr.Tesseract;
import dev.lectern.transcode.analysis.ContentAnalyzer;
import dev.lectern.transcode.ffmpeg.LadderCommand;
import dev.lectern.transcode.ladder.Ladder;
import dev.lectern.transcode.ladder.LadderPlanner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Slide detection and OCR: the transcode's own ladder command makes the rungs (its CPU time is
 * the yardstick), detection scans the lowest rung, Tesseract reads each slide once in the source
 * (as the slides job reads the kept source); scored against the slides the source really shows. Full: the 10-minute 1080p screencast
 * (a slide every {@value Inputs#SLIDE_SECONDS} s, a pointer always moving). Quick: the tests'
 * 74-second deck (builds, a revisit, a dark slide, a video inset).
 */
final class SlidesBench {
    private static final Duration LIMIT = Duration.ofMinutes(10);

    private final Bench bench;

    SlidesBench(Bench bench) {
        this.bench = bench;
    }

    /** The truth: appearance starts and titles. */
    private record Truth(
            String name, Path source, double seconds, List<Double> starts, List<String> titles) {}

    Table run() throws Exception {
        Table table =
                new Table(
                        "Slides: changes found, titles read, and their cost",
                        "source",
                        "changes",
                        "found ±1 s (recall)",
                        "spurious (precision)",
                        "titles right",
                        "detection CPU-s / source min",
                        "OCR CPU-s / source min",
                        "transcode CPU-s / source min",
                        "slides / transcode CPU");
        Path dir = bench.dir("slides");
        Truth truth = bench.quick ? deck(dir) : screencast();
        Bench.log("slides: the transcode's ladder for " + truth.name());
        SourceFacts facts = new MediaProbe(bench.tools).probe(MediaInput.file(truth.source()));
        ContentAnalysis analysis =
                new ContentAnalyzer(bench.tools)
                        .analyze(MediaInput.file(truth.source()), facts, dir.resolve("analysis"));
        Ladder ladder = LadderPlanner.plan(facts, analysis);
        Path rungs = dir.resolve("rungs");
        rungs.resolve("thumbs").toFile().mkdirs();
        Ffmpeg.Run transcode =
                bench.ffmpeg.runCommand(
                        "slides-ladder",
                        LadderCommand.build(
                                bench.tools,
                                MediaInput.file(truth.source()),
                                facts,
                                ladder,
                                rungs,
                                0,
                                0));
        Path lowest = rungs.resolve(ladder.lowestRung().id()).resolve(LadderCommand.PLAYLIST);
        double minutes = truth.seconds() / 60;

        Bench.log("slides: detecting on " + ladder.lowestRung().id());
        CpuClock before = CpuClock.now();
        List<DetectedSlide> found =
                SlideDetector.detect(bench.tools, lowest, truth.seconds(), LIMIT, p -> {});
        Thread.sleep(50);
        double detectCpu = CpuClock.now().totalSince(before);

        Optional<Tesseract> tesseract = Tesseract.locate();
        Map<Integer, SlideText> texts = new HashMap<>();
        double ocrCpu = 0;
        if (tesseract.isPresent()) {
            Bench.log(
                    "slides: reading "
                            + found.size()
                            + " appearances from "
                            + ladder.video().getFirst().id());
            before = CpuClock.now();
            for (DetectedSlide slide : found) {
                // Each slide is read once; a revisit shows the same text.
                if (texts.containsKey(slide.number())) {
                    continue;
                }
                Path png = dir.resolve("slide-" + slide.number() + ".png");
                SlideFrames.extract(bench.tools, truth.source(), slide.readSeconds(), png, LIMIT);
                texts.put(slide.number(), tesseract.get().read(png, "eng", LIMIT));
            }
            Thread.sleep(50);
            ocrCpu = CpuClock.now().totalSince(before);
        }

        List<Double> starts = found.stream().map(DetectedSlide::startSeconds).toList();
        DeckScore.Changes changes =
                DeckScore.changes(
                        truth.starts().subList(1, truth.starts().size()),
                        DeckScore.changesOf(starts));
        int titlesRight = 0;
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < truth.starts().size(); i++) {
            int index = DeckScore.closest(truth.starts().get(i), starts);
            SlideText text = index < 0 ? null : texts.get(found.get(index).number());
            String read = text == null ? "" : text.title();
            if (DeckScore.titleMatches(truth.titles().get(i), read)) {
                titlesRight++;
            } else if (wrong.size() < 3) {
                wrong.add("\"" + truth.titles().get(i) + "\" read as \"" + read + "\"");
            }
        }
        double slidesCpu = detectCpu + ocrCpu;
        table.row(
                truth.name(),
                changes.expected(),
                changes.found() + " (" + Format.f1(100 * changes.recall()) + " %)",
                changes.spurious() + " (" + Format.f1(100 * changes.precision()) + " %)",
                tesseract.isEmpty()
                        ? "no tesseract"
                        : titlesRight
                                + " of "
                                + truth.titles().size()
                                + " ("
                                + Format.f1(100.0 * titlesRight / truth.titles().size())
                                + " %)",
                Format.f2(detectCpu / minutes),
                Format.f2(ocrCpu / minutes),
                Format.f1(transcode.cpuSeconds() / minutes),
                Format.f1(100 * slidesCpu / transcode.cpuSeconds()) + " %");
        table.note(
                "Detection scans the lowest rung the transcode's own ladder command made ("
                        + ladder.lowestRung().id()
                        + " at "
                        + ladder.lowestRung().frameRate().ffmpeg()
                        + " fps) at "
                        + Thresholds.FPS
                        + " frames a second, "
                        + Thresholds.WIDTH
                        + "×"
                        + Thresholds.HEIGHT
                        + " grey; Tesseract (one thread, under nice) reads each slide once from a"
                        + " full-resolution frame of the source, as the slides job does. A change counts as found within ±1 s of the true"
                        + " one; a title is right at a normalised edit distance ≤ 0.1. CPU is this"
                        + " JVM's and its children's; the transcode's is the bare ladder command on"
                        + " the same source. Target (issue 15): recall ≥ 95 %, spurious ≤ 5 %, titles"
                        + " ≥ 90 %, slides ≤ 10 % of the transcode's CPU."
                        + (wrong.isEmpty() ? "" : " Misread: " + String.join("; ", wrong) + "."));
        Bench.log(
                "slides: "
                        + changes
                        + "; titles "
                        + titlesRight
                        + " of "
                        + truth.titles().size()
                        + "; CPU detect "
                        + Format.f1(detectCpu)
                        + " s, OCR "
                        + Format.f1(ocrCpu)
                        + " s, transcode "
                        + Format.f1(transcode.cpuSeconds())
                        + " s");
        return table;
    }

    private Truth deck(Path dir) throws Exception {
        Deck deck =
                TestDecks.lecture(
                        bench.tools,
                        bench.work.getParent().resolve("inputs").resolve("slides-deck"),
                        1280,
                        720);
        return new Truth(
                "test deck 1280x720, " + Format.f0(deck.seconds()) + " s",
                deck.video(),
                deck.seconds(),
                deck.slides().stream().map(DeckSlide::startSeconds).toList(),
                deck.slides().stream().map(DeckSlide::title).toList());
    }

    private Truth screencast() throws Exception {
        int seconds = bench.screencastSeconds();
        Path source =
                bench.inputs.screencast(bench.screencastWidth(), bench.screencastHeight(), seconds);
        List<Double> starts = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (int i = 0; i * Inputs.SLIDE_SECONDS < seconds; i++) {
            starts.add((double) i * Inputs.SLIDE_SECONDS);
            titles.add(Inputs.slideLines(i).getFirst());
        }
        return new Truth(
                "screencast "
                        + bench.screencastWidth()
                        + "x"
                        + bench.screencastHeight()
                        + ", "
                        + seconds / 60
                        + " min",
                source,
                seconds,
                starts,
                titles);
    }
}
