package dev.lectern.slides.ocr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tesseract's TSV output made into lines of words with their boxes, cleaned of OCR junk (lone
 * symbols, bullets, unreadable fragments), and the slide's title chosen from them.
 */
final class OcrLines {
    /** A word is kept only when Tesseract is at least this confident (0–100). */
    static final double MIN_WORD_CONFIDENCE = 30;

    /** The title is looked for among lines starting in this upper share of the picture. */
    static final double TITLE_ZONE = 0.4;

    /** A line at least this much taller than the topmost one is the title instead of it. */
    static final double TALLER = 1.15;

    /** Characters a bullet is drawn with, and what Tesseract often reads bullets as. */
    private static final Pattern BULLET = Pattern.compile("[•·◦▪▫■□●○◆◇►▶➢➤✓✔*\\-–—»«°©®¢e]");

    private static final Pattern HAS_WORD_CHARACTER = Pattern.compile("[\\p{L}\\p{N}]");

    record Word(String text, int left, int top, int width, int height, double confidence) {}

    record Line(List<Word> words, int left, int top, int bottom, int height) {
        String text() {
            return String.join(" ", words.stream().map(Word::text).toList());
        }
    }

    private OcrLines() {}

    /** The lines of a TSV page, top to bottom, junk removed. */
    static List<Line> parse(String tsv) {
        Map<String, List<Word>> byLine = new LinkedHashMap<>();
        for (String row : tsv.split("\n")) {
            String[] f = row.split("\t", -1);
            if (f.length < 12 || !f[0].equals("5")) {
                continue;
            }
            try {
                double confidence = Double.parseDouble(f[10]);
                String text = f[11].strip();
                if (text.isEmpty() || confidence < MIN_WORD_CONFIDENCE) {
                    continue;
                }
                Word word =
                        new Word(
                                text,
                                Integer.parseInt(f[6]),
                                Integer.parseInt(f[7]),
                                Integer.parseInt(f[8]),
                                Integer.parseInt(f[9]),
                                confidence);
                byLine.computeIfAbsent(f[2] + "/" + f[3] + "/" + f[4], k -> new ArrayList<>())
                        .add(word);
            } catch (NumberFormatException e) {
                // a header or a malformed row
            }
        }
        List<Line> lines = new ArrayList<>();
        for (List<Word> words : byLine.values()) {
            List<Word> kept = clean(words);
            if (kept.isEmpty()) {
                continue;
            }
            int top = kept.stream().mapToInt(Word::top).min().orElse(0);
            int bottom = kept.stream().mapToInt(w -> w.top() + w.height()).max().orElse(0);
            int left = kept.stream().mapToInt(Word::left).min().orElse(0);
            // The median word: one word's box swollen by a pointer or a stray mark beside it
            // must not make a body line look like the title.
            int[] heights = kept.stream().mapToInt(Word::height).sorted().toArray();
            int height = heights[heights.length / 2];
            lines.add(new Line(kept, left, top, bottom, height));
        }
        lines.sort(java.util.Comparator.comparingInt(Line::top).thenComparingInt(Line::left));
        return lines;
    }

    /**
     * Drops what is not a word: tokens without a letter or digit, a bullet read at the start of a
     * line, and a line that is only one stray character.
     */
    static List<Word> clean(List<Word> words) {
        List<Word> kept = new ArrayList<>();
        for (Word word : words) {
            if (!HAS_WORD_CHARACTER.matcher(word.text()).find()) {
                continue;
            }
            if (kept.isEmpty()
                    && words.size() > 1
                    && word.text().length() == 1
                    && BULLET.matcher(word.text()).matches()) {
                continue;
            }
            kept.add(
                    new Word(
                            trimJunk(word.text()),
                            word.left(),
                            word.top(),
                            word.width(),
                            word.height(),
                            word.confidence()));
        }
        if (kept.size() == 1 && kept.getFirst().text().length() <= 1) {
            return List.of();
        }
        return kept;
    }

    /** A word's leading bullet glyph stuck to it ("•Merge") and stray edge symbols. */
    private static String trimJunk(String text) {
        String t = text;
        while (t.length() > 1 && "•·◦▪■●○►▶➢➤✓✔|_~".indexOf(t.charAt(0)) >= 0) {
            t = t.substring(1);
        }
        while (t.length() > 1 && "|_~".indexOf(t.charAt(t.length() - 1)) >= 0) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    /**
     * The title: among the lines starting in the upper {@link #TITLE_ZONE} of the picture, the
     * tallest, unless it is barely taller than the topmost (then the topmost); with a following
     * line of the same size close below it when the title wraps. Slides put the title first and
     * largest, so both rules usually agree; the height rule skips a small header or logo line
     * above it.
     */
    static String title(List<Line> lines, int pictureHeight) {
        if (lines.isEmpty()) {
            return "";
        }
        List<Line> zone = lines.stream().filter(l -> l.top() < TITLE_ZONE * pictureHeight).toList();
        if (zone.isEmpty()) {
            return lines.getFirst().text();
        }
        Line topmost = zone.getFirst();
        Line chosen = topmost;
        for (Line line : zone) {
            if (line.height() > chosen.height()) {
                chosen = line;
            }
        }
        if (chosen.height() < TALLER * topmost.height()) {
            chosen = topmost;
        }
        StringBuilder title = new StringBuilder(chosen.text());
        int index = lines.indexOf(chosen);
        // A wrapped title goes on in a second line of its size; on a page of same-sized lines the
        // second line is body text.
        int[] heights = lines.stream().mapToInt(Line::height).sorted().toArray();
        boolean standsOut = chosen.height() >= TALLER * heights[heights.length / 4];
        if (standsOut && index + 1 < lines.size()) {
            Line next = lines.get(index + 1);
            if (next.height() >= 0.85 * chosen.height()
                    && next.height() <= 1.2 * chosen.height()
                    && next.top() - chosen.bottom() < chosen.height()) {
                title.append(' ').append(next.text());
            }
        }
        return title.toString();
    }

    static String text(List<Line> lines) {
        return String.join("\n", lines.stream().map(Line::text).toList());
    }
}
