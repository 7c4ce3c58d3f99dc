package dev.lectern.catalog.slide;

/**
 * Whether this installation finds slides in screen recordings, and whether it can read them: set
 * by the composition root from the slides module's settings and the OCR engine it found.
 *
 * @param ocr whether slide text is read (Tesseract installed); without it chapters are titled
 *     "Slide 3" and nothing is searchable
 */
public record SlideReading(boolean enabled, boolean ocr) {

    public static SlideReading off() {
        return new SlideReading(false, false);
    }
}
