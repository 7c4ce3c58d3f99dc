package dev.lectern.slides.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Lines and titles from Tesseract's TSV")
class OcrLinesTest {
    private static final String HEADER =
            "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n";

    private static String word(
            int block, int line, int word, int left, int top, int height, String text) {
        return "5\t1\t%d\t1\t%d\t%d\t%d\t%d\t%d\t%d\t91.5\t%s\n"
                .formatted(block, line, word, left, top, text.length() * height / 2, height, text);
    }

    @Test
    @DisplayName("the title is the tallest line near the top, not a small header above it")
    void tallestNearTop() {
        String tsv =
                HEADER
                        + word(1, 1, 1, 40, 10, 14, "University")
                        + word(1, 1, 2, 140, 10, 14, "of")
                        + word(1, 1, 3, 170, 10, 14, "Somewhere")
                        + word(2, 1, 1, 64, 40, 38, "Merge")
                        + word(2, 1, 2, 200, 40, 38, "Sort")
                        + word(3, 1, 1, 80, 150, 20, "•")
                        + word(3, 1, 2, 100, 150, 20, "Split")
                        + word(3, 1, 3, 160, 150, 20, "halves")
                        + word(3, 2, 1, 80, 190, 20, "e")
                        + word(3, 2, 2, 100, 190, 20, "Merge")
                        + word(3, 2, 3, 160, 190, 20, "them")
                        + word(3, 2, 4, 220, 180, 60, "swollen")
                        + word(3, 2, 5, 300, 190, 20, "by")
                        + word(3, 2, 6, 330, 190, 20, "a")
                        + word(3, 2, 7, 350, 190, 20, "pointer")
                        + word(4, 1, 1, 64, 684, 14, "Week")
                        + word(4, 1, 2, 120, 684, 14, "4");
        List<OcrLines.Line> lines = OcrLines.parse(tsv);
        assertEquals("Merge Sort", OcrLines.title(lines, 720));
        assertEquals(
                "University of Somewhere\nMerge Sort\nSplit halves\nMerge them swollen by a pointer\nWeek 4",
                OcrLines.text(lines));
    }

    @Test
    @DisplayName("a title wrapped over two lines is joined; same-sized text takes the top line")
    void wrappedAndPlain() {
        String wrapped =
                HEADER
                        + word(1, 1, 1, 64, 40, 38, "Divide")
                        + word(1, 1, 2, 200, 40, 38, "and")
                        + word(1, 2, 1, 64, 84, 37, "Conquer")
                        + word(2, 1, 1, 80, 160, 20, "Body")
                        + word(2, 2, 1, 80, 190, 20, "text");
        assertEquals("Divide and Conquer", OcrLines.title(OcrLines.parse(wrapped), 720));
        String plain =
                HEADER
                        + word(1, 1, 1, 64, 40, 20, "First")
                        + word(1, 2, 1, 64, 70, 20, "Second")
                        + word(1, 3, 1, 64, 100, 21, "Third");
        assertEquals("First", OcrLines.title(OcrLines.parse(plain), 720));
    }

    @Test
    @DisplayName("lone symbols and unsure words are dropped; nothing read gives empty text")
    void junk() {
        String tsv =
                HEADER
                        + word(1, 1, 1, 64, 40, 30, "|")
                        + word(1, 1, 2, 90, 40, 30, "—")
                        + "5\t1\t1\t1\t2\t1\t64\t90\t40\t30\t12.0\tzxqv\n";
        List<OcrLines.Line> lines = OcrLines.parse(tsv);
        assertEquals(List.of(), lines);
        assertEquals("", OcrLines.title(lines, 720));
        assertEquals("", OcrLines.text(lines));
    }

    @Test
    @DisplayName("BCP 47 tags map to traineddata names")
    void languages() {
        assertEquals("eng", Languages.tesseractCode("en"));
        assertEquals("eng", Languages.tesseractCode("en-GB"));
        assertEquals("deu", Languages.tesseractCode("de"));
        assertEquals("fra", Languages.tesseractCode("fr-CA"));
        assertEquals("spa", Languages.tesseractCode("es"));
        assertEquals("chi_sim", Languages.tesseractCode("zh-CN"));
        assertEquals("chi_tra", Languages.tesseractCode("zh-Hant"));
        assertEquals("nor", Languages.tesseractCode("nb"));
        assertEquals(null, Languages.tesseractCode(""));
        assertEquals(null, Languages.tesseractCode(null));
    }
}
