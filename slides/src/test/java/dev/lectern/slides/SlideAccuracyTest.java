package dev.lectern.slides;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lectern.infra.media.MediaTools;
import dev.lectern.slides.deck.Deck;
import dev.lectern.slides.deck.DeckScore;
import dev.lectern.slides.deck.DeckSlide;
import dev.lectern.slides.deck.OtherVideos;
import dev.lectern.slides.deck.TestDecks;
import dev.lectern.slides.detect.DetectedSlide;
import dev.lectern.slides.detect.SlideDetector;
import dev.lectern.slides.ocr.SlideFrames;
import dev.lectern.slides.ocr.SlideText;
import dev.lectern.slides.ocr.Tesseract;
import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestMedia;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The acceptance figures on a generated deck: slide changes found on a lowest-rung copy,
 * titles read by Tesseract from full-resolution frames.
 */
@DisplayName("Slide detection and titles on a generated deck and a camera clip")
class SlideAccuracyTest {
    private static final Duration LIMIT = Duration.ofMinutes(2);

    @Test
    @DisplayName(
            "a screen-recorded deck gives its slide changes within a second, one slide per build,"
                    + " the revisit, and readable titles")
    void deckAccuracy() throws Exception {
        Optional<Tesseract> tesseract = Tesseract.locate();
        assumeTrue(
                tesseract.isPresent(),
                "tesseract is not installed (scripts/system-deps.sh installs tesseract-ocr and"
                        + " tesseract-ocr-eng): slide OCR cannot be tested");
        MediaTools tools = TestMedia.tools();
        Path dir = TestDirs.create("slides-deck");
        long started = System.nanoTime();
        // 1280×720 by default; -Dlectern.slides.deckHeight=1080 checks the same deck at 1080p.
        int height = Integer.getInteger("lectern.slides.deckHeight", 720);
        Deck deck = TestDecks.lecture(tools, dir, height * 16 / 9, height);
        Path rung = OtherVideos.lowestRung(tools, deck.video(), dir.resolve("rung"));
        long generated = System.nanoTime();
        List<DetectedSlide> found =
                SlideDetector.detect(tools, rung, deck.seconds(), LIMIT, p -> {});
        long detected = System.nanoTime();
        List<SlideText> texts = read(tools, tesseract.get(), deck.video(), found, dir);
        long read = System.nanoTime();

        List<Double> starts = found.stream().map(DetectedSlide::startSeconds).toList();
        DeckScore.Changes changes = DeckScore.changes(deck.changes(), DeckScore.changesOf(starts));
        int titlesRight = 0;
        StringBuilder report = new StringBuilder();
        for (DeckSlide truth : deck.slides()) {
            int index = DeckScore.closest(truth.startSeconds(), starts);
            String title = index < 0 ? "" : texts.get(index).title();
            boolean right = DeckScore.titleMatches(truth.title(), title);
            titlesRight += right ? 1 : 0;
            report.append(
                    String.format(
                            Locale.ROOT,
                            "  %5.1f s  %-32s read \"%s\"%s%n",
                            truth.startSeconds(),
                            truth.title(),
                            title,
                            right ? "" : "  <- wrong"));
        }
        double titleShare = (double) titlesRight / deck.slides().size();
        System.out.printf(
                Locale.ROOT,
                "Slide deck (%d appearances): %s; titles right %d of %d (%.1f %%)%n"
                        + "  generation %.1f s, detection %.1f s, reading %.1f s%n%s  found: %s%n",
                deck.slides().size(),
                changes,
                titlesRight,
                deck.slides().size(),
                100 * titleShare,
                (generated - started) / 1e9,
                (detected - generated) / 1e9,
                (read - detected) / 1e9,
                report,
                found);

        assertTrue(changes.recall() >= 0.95, "slide changes found: " + changes);
        assertTrue(changes.spuriousShare() <= 0.05, "spurious changes: " + changes);
        assertTrue(titleShare >= 0.9, "titles right: " + titlesRight + "\n" + report);

        DetectedSlide build = found.get(DeckScore.closest(12, starts));
        assertEquals(3, build.stepSeconds().size(), "the build's steps: " + build);
        for (int i = 0; i < 3; i++) {
            assertEquals(15 + 3 * i, build.stepSeconds().get(i), 1.0, "step " + i + ": " + build);
        }
        assertTrue(
                build.readSeconds() >= 21 && build.readSeconds() < 24,
                "the build is read when fully shown: " + build);
        DetectedSlide first = found.get(DeckScore.closest(6, starts));
        DetectedSlide again = found.get(DeckScore.closest(56.6, starts));
        assertTrue(again.revisit(), "the revisit is recognised: " + again);
        assertEquals(first.number(), again.number(), "the revisit keeps its number");
        assertTrue(
                texts.get(found.indexOf(first)).text().toLowerCase(Locale.ROOT).contains("halves"),
                "the body text is read: " + texts.get(found.indexOf(first)));
    }

    @Test
    @DisplayName("camera footage gives no slides")
    void cameraGivesNoSlides() throws Exception {
        MediaTools tools = TestMedia.tools();
        Path clip = OtherVideos.camera(tools, TestDirs.create("slides-camera"), 6);
        List<DetectedSlide> found = SlideDetector.detect(tools, clip, 6, LIMIT, p -> {});
        assertEquals(List.of(), found);
    }

    /**
     * Each slide's full-resolution frame read by Tesseract, two at a time (two cores); a slide
     * shown again is read once, at its first appearance.
     */
    static List<SlideText> read(
            MediaTools tools, Tesseract tesseract, Path video, List<DetectedSlide> slides, Path dir)
            throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Map<Integer, Future<SlideText>> pending = new HashMap<>();
            for (DetectedSlide slide : slides) {
                Path png = dir.resolve("read-" + slide.number() + ".png");
                pending.computeIfAbsent(
                        slide.number(),
                        n ->
                                pool.submit(
                                        () -> {
                                            SlideFrames.extract(
                                                    tools, video, slide.readSeconds(), png, LIMIT);
                                            return tesseract.read(png, "eng", LIMIT);
                                        }));
            }
            List<SlideText> texts = new ArrayList<>();
            for (DetectedSlide slide : slides) {
                texts.add(pending.get(slide.number()).get());
            }
            return texts;
        }
    }
}
