package dev.lectern.slides.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lectern.testkit.TestDirs;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Reading a slide with the Tesseract program")
class TesseractTest {
    private static Tesseract installed() {
        Optional<Tesseract> tesseract = Tesseract.locate();
        assumeTrue(
                tesseract.isPresent(),
                "tesseract is not installed (scripts/system-deps.sh installs tesseract-ocr and"
                        + " tesseract-ocr-eng)");
        return tesseract.get();
    }

    @Test
    @DisplayName("the installed languages are listed and a course language maps to one of them")
    void languages() {
        Tesseract tesseract = installed();
        assertTrue(tesseract.languages().contains("eng"), tesseract.languages().toString());
        assertEquals("eng", tesseract.languageFor("en-GB"));
        assertEquals("eng", tesseract.languageFor("tlh"));
        assertEquals("eng", tesseract.languageFor(null));
        String german = tesseract.languages().contains("deu") ? "deu" : "eng";
        assertEquals(german, tesseract.languageFor("de-AT"));
    }

    @Test
    @DisplayName("a dark slide is read after inverting it; an empty picture reads as nothing")
    void darkAndEmpty() throws Exception {
        Tesseract tesseract = installed();
        Path dir = TestDirs.create("tesseract");
        Path dark = dir.resolve("dark.png");
        BufferedImage image = new BufferedImage(960, 540, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(
                RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(0x1C1E26));
        g.fillRect(0, 0, 960, 540);
        g.setColor(new Color(0xF0F0F0));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 36));
        g.drawString("Binary Search Trees", 48, 80);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 20));
        g.drawString("Every left child holds a smaller key", 64, 160);
        g.dispose();
        ImageIO.write(image, "png", dark.toFile());
        SlideText text = tesseract.read(dark, "eng", Duration.ofSeconds(30));
        assertEquals("Binary Search Trees", text.title());
        assertTrue(text.text().contains("smaller key"), text.text());

        Path empty = dir.resolve("empty.png");
        ImageIO.write(
                new BufferedImage(320, 180, BufferedImage.TYPE_INT_RGB), "png", empty.toFile());
        assertEquals(SlideText.NONE, tesseract.read(empty, "eng", Duration.ofSeconds(30)));
    }
}
