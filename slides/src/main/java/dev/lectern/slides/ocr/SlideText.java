package dev.lectern.slides.ocr;

/**
 * What Tesseract read on one slide.
 *
 * @param title its title line (the tallest line in its upper part), "" when none was read
 * @param text all lines read, title included, one per line; "" when none
 */
public record SlideText(String title, String text) {
    public static final SlideText NONE = new SlideText("", "");
}
