package dev.lectern.slides.deck;

import dev.lectern.infra.media.MediaTools;
import dev.lectern.infra.media.ProcessResult;
import dev.lectern.infra.media.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Generates slide lectures the way a screen recorder writes them (H.264 CRF 28 at 15 fps), with
 * the real ffmpeg: themed backgrounds, 20-px body text, one dark slide, a pointer that sweeps
 * across the slides and drifts slowly while parked, a build whose bullets appear one by one, a
 * slide flicked past in 0.6 s, a ten-second video inset, and a revisited slide. {@link
 * OtherVideos} makes what detection is run against besides: camera footage and a deck's lowest rung.
 */
public final class TestDecks {
    static final String FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    static final String FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
    static final String FONT_SERIF_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf";
    static final int FPS = 15;
    static final double INSET_START = 32;
    static final double INSET_SECONDS = 10;

    private TestDecks() {}

    /** A slide theme: page colour or a vertical gradient, an optional title band, text colours. */
    private record Theme(
            String name,
            String page,
            String gradient,
            String band,
            String titleColour,
            String bodyColour,
            String titleFont,
            boolean dark) {}

    private static final Theme PAPER =
            new Theme("paper", "0xF4F4EE", null, null, "0x102060", "0x202020", FONT_BOLD, false);
    private static final Theme BANDED =
            new Theme(
                    "banded",
                    "0xFFFFFF",
                    null,
                    "0xC9DCF2",
                    "0x0A2A5A",
                    "0x1A1A1A",
                    FONT_BOLD,
                    false);
    private static final Theme SAND =
            new Theme(
                    "sand",
                    null,
                    "r='252-14*Y/H':g='246-24*Y/H':b='234-46*Y/H'",
                    null,
                    "0x5A2A00",
                    "0x2A2418",
                    FONT_SERIF_BOLD,
                    false);
    private static final Theme NIGHT =
            new Theme("night", "0x1C1E26", null, null, "0xF2F2F2", "0xD8D8D8", FONT_BOLD, true);

    /** One picture of the deck: a slide, or one step of a build. */
    private record Page(String id, Theme theme, String title, List<String> bullets, int number) {}

    /** Pages shown for a time. */
    private record Show(Page page, double seconds) {}

    private static Page page(String id, Theme theme, int number, String title, String... bullets) {
        return new Page(id, theme, title, List.of(bullets), number);
    }

    /**
     * The deck: ten appearances of nine slides over 74 s (slide changes at 6, 12, 24, 30, 44, 50,
     * 56.6, 61.6 and 67.6 s), at {@code width}×{@code height} (1280×720 in the tests).
     */
    public static Deck lecture(MediaTools tools, Path dir, int width, int height)
            throws IOException {
        Files.createDirectories(dir);
        Page overview =
                page(
                        "overview",
                        PAPER,
                        1,
                        "Sorting Algorithms Overview",
                        "Why ordering data makes searching fast",
                        "Comparison sorts and distribution sorts",
                        "Stability, memory use and running time",
                        "Where each algorithm is used in practice");
        Page merge =
                page(
                        "merge",
                        BANDED,
                        2,
                        "Merge Sort: Divide and Conquer",
                        "Split the array into two halves",
                        "Sort each half recursively",
                        "Merge the sorted halves in linear time",
                        "Always n log n comparisons, extra memory n");
        String[] quick = {
            "Choose a pivot element from the array",
            "Move smaller elements to its left side",
            "Move larger elements to its right side",
            "Recurse on both parts until they are trivial"
        };
        Page heaps =
                page(
                        "heaps",
                        NIGHT,
                        4,
                        "Heap Operations in Practice",
                        "Insert appends and sifts the new key up",
                        "Extract takes the root and sifts down",
                        "Heapify builds a heap in linear time",
                        "Heapsort sorts in place in n log n");
        Page bounds =
                page(
                        "bounds",
                        PAPER,
                        5,
                        "Complexity of Comparison Sorts",
                        "A decision tree has n factorial leaves",
                        "Its height is at least log of n factorial",
                        "So every comparison sort needs n log n");
        Page counting =
                page(
                        "counting",
                        BANDED,
                        6,
                        "Counting Sort and Radix Sort",
                        "Count the keys of each value",
                        "Prefix sums give the final positions",
                        "Radix sort repeats it digit by digit");
        Page flicked =
                page("flicked", SAND, 7, "Stable Sorting Explained", "Equal keys keep their order");
        Page external =
                page(
                        "external",
                        SAND,
                        8,
                        "External Sorting on Disk",
                        "Sort runs that fit in memory",
                        "Merge the runs with a priority queue",
                        "Few passes over the data on disk");
        Page lower =
                page(
                        "lower",
                        PAPER,
                        9,
                        "Choosing a Sorting Algorithm",
                        "Small arrays: insertion sort",
                        "General purpose: introsort or timsort",
                        "Integer keys: radix sort");
        Page summary =
                page(
                        "summary",
                        BANDED,
                        10,
                        "Summary and Further Reading",
                        "Sorting is a building block of algorithms",
                        "Read chapters six to eight of the textbook",
                        "Exercises are due next Monday");
        List<Show> shows = new ArrayList<>();
        shows.add(new Show(overview, 6));
        shows.add(new Show(merge, 6));
        for (int step = 1; step <= quick.length; step++) {
            shows.add(
                    new Show(
                            new Page(
                                    "quick-" + step,
                                    SAND,
                                    "Quicksort Partition Scheme",
                                    List.of(quick).subList(0, step),
                                    3),
                            3));
        }
        shows.add(new Show(heaps, 6));
        shows.add(new Show(bounds, 14));
        shows.add(new Show(counting, 6));
        shows.add(new Show(flicked, 0.6));
        shows.add(new Show(external, 6));
        shows.add(new Show(merge, 5));
        shows.add(new Show(lower, 6));
        shows.add(new Show(summary, 6.4));

        List<DeckSlide> truth =
                List.of(
                        new DeckSlide(1, overview.title(), 0, List.of(), false, false),
                        new DeckSlide(2, merge.title(), 6, List.of(), false, false),
                        new DeckSlide(
                                3,
                                "Quicksort Partition Scheme",
                                12,
                                List.of(15.0, 18.0, 21.0),
                                false,
                                false),
                        new DeckSlide(4, heaps.title(), 24, List.of(), false, true),
                        new DeckSlide(5, bounds.title(), 30, List.of(), false, false),
                        new DeckSlide(6, counting.title(), 44, List.of(), false, false),
                        // The slide flicked past at 50 s merges into this one.
                        new DeckSlide(7, external.title(), 50, List.of(), false, false),
                        new DeckSlide(2, merge.title(), 56.6, List.of(), true, false),
                        new DeckSlide(8, lower.title(), 61.6, List.of(), false, false),
                        new DeckSlide(9, summary.title(), 67.6, List.of(), false, false));
        double seconds = shows.stream().mapToDouble(Show::seconds).sum();
        Path video = dir.resolve("deck-%dx%d.mp4".formatted(width, height));
        if (!Files.isRegularFile(video)) {
            encode(tools, dir, shows, width, height, seconds, video);
        }
        return new Deck(
                video, width, height, seconds, truth, INSET_START, INSET_START + INSET_SECONDS);
    }

    private static void encode(
            MediaTools tools,
            Path dir,
            List<Show> shows,
            int width,
            int height,
            double seconds,
            Path video)
            throws IOException {
        StringBuilder list = new StringBuilder("ffconcat version 1.0\n");
        Path last = null;
        for (Show show : shows) {
            last = render(tools, dir, show.page(), width, height);
            list.append("file '").append(last.toAbsolutePath()).append("'\n");
            list.append(String.format(Locale.ROOT, "duration %.3f%n", show.seconds()));
        }
        // The concat demuxer applies the last duration only when another file follows.
        list.append("file '").append(last.toAbsolutePath()).append("'\n");
        Path concat = dir.resolve("deck.ffconcat");
        Files.writeString(concat, list);
        double s = height / 720.0;
        int cursorW = (int) Math.round(13 * s);
        int cursorH = (int) Math.round(19 * s);
        // A pointer that sweeps fast over the slides for 5 s of every 9, then rests and drifts.
        String cursorX =
                "if(lt(mod(t,9),5),W*0.5+W*0.33*sin(t*1.7),W*0.7+%d*sin(t*0.8))"
                        .formatted(Math.round(20 * s));
        String cursorY =
                "if(lt(mod(t,9),5),H*0.5+H*0.35*sin(t*1.1),H*0.72+%d*cos(t*0.8))"
                        .formatted(Math.round(12 * s));
        String graph =
                "[0:v]format=yuv420p,fps=%d[page];".formatted(FPS)
                        + "[1:v]format=yuv420p[inset];"
                        + "[2:v]drawbox=x=2:y=2:w=iw-4:h=ih-4:color=white:t=fill,format=yuv420p[cursor];"
                        + "[page][inset]overlay=x=W-w-%d:y=H-h-%d:enable='between(t,%s,%s)':shortest=1[withinset];"
                                .formatted(
                                        Math.round(24 * s),
                                        Math.round(70 * s),
                                        num(INSET_START),
                                        num(INSET_START + INSET_SECONDS))
                        + "[withinset][cursor]overlay=x='%s':y='%s':shortest=1,format=yuv420p[v]"
                                .formatted(cursorX, cursorY);
        Path partial = dir.resolve(video.getFileName() + ".part.mp4");
        ffmpeg(
                tools,
                List.of(
                        "-f",
                        "concat",
                        "-safe",
                        "0",
                        "-i",
                        concat.toString(),
                        "-f",
                        "lavfi",
                        "-i",
                        "testsrc2=s=%dx%d:r=%d".formatted(width / 4, height / 4, FPS),
                        "-f",
                        "lavfi",
                        "-i",
                        "color=c=black:s=%dx%d:r=%d".formatted(cursorW, cursorH, FPS),
                        "-filter_complex",
                        graph,
                        "-map",
                        "[v]",
                        "-t",
                        num(seconds),
                        "-c:v",
                        "libx264",
                        "-preset",
                        "veryfast",
                        "-crf",
                        "28",
                        "-g",
                        Integer.toString(4 * FPS),
                        "-pix_fmt",
                        "yuv420p",
                        "-movflags",
                        "+faststart",
                        partial.toString()));
        Files.move(partial, video);
    }

    /** One page as a PNG at the deck's size. */
    private static Path render(MediaTools tools, Path dir, Page page, int width, int height)
            throws IOException {
        Path png = dir.resolve("page-%s-%d.png".formatted(page.id(), height));
        if (Files.isRegularFile(png)) {
            return png;
        }
        double s = height / 720.0;
        Theme theme = page.theme();
        List<String> filters = new ArrayList<>();
        String source;
        if (theme.gradient() != null) {
            source = "color=c=white:s=%dx%d,format=rgb24".formatted(width, height);
            filters.add("geq=" + theme.gradient());
        } else {
            source = "color=c=%s:s=%dx%d".formatted(theme.page(), width, height);
        }
        if (theme.band() != null) {
            filters.add(
                    "drawbox=x=0:y=0:w=iw:h=%d:color=%s:t=fill"
                            .formatted(Math.round(104 * s), theme.band()));
        }
        filters.add(
                text(
                        dir,
                        page.id() + "-title",
                        page.title(),
                        theme.titleFont(),
                        40 * s,
                        theme.titleColour(),
                        64 * s,
                        34 * s));
        for (int i = 0; i < page.bullets().size(); i++) {
            filters.add(
                    text(
                            dir,
                            page.id() + "-bullet-" + i,
                            "•  " + page.bullets().get(i),
                            FONT,
                            20 * s,
                            theme.bodyColour(),
                            80 * s,
                            (150 + 40 * i) * s));
        }
        String faint = theme.dark() ? "0x8A8A96" : "0x808080";
        filters.add(
                text(
                        dir,
                        "footer",
                        "Algorithms and Data Structures - Week 4",
                        FONT,
                        14 * s,
                        faint,
                        64 * s,
                        684 * s));
        filters.add(
                text(
                        dir,
                        "number-" + page.number(),
                        Integer.toString(page.number()),
                        FONT,
                        14 * s,
                        faint,
                        1200 * s,
                        684 * s));
        ffmpeg(
                tools,
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        source,
                        "-vf",
                        String.join(",", filters),
                        "-frames:v",
                        "1",
                        png.toString()));
        return png;
    }

    private static String text(
            Path dir,
            String name,
            String text,
            String font,
            double size,
            String colour,
            double x,
            double y)
            throws IOException {
        Path file = dir.resolve("text-" + name + ".txt");
        Files.writeString(file, text);
        return "drawtext=fontfile=%s:textfile=%s:fontsize=%d:fontcolor=%s:x=%d:y=%d"
                .formatted(font, file, Math.round(size), colour, Math.round(x), Math.round(y));
    }

    static String num(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    static void ffmpeg(MediaTools tools, List<String> args) {
        List<String> command = new ArrayList<>(tools.ffmpegCommand());
        command.addAll(args);
        ProcessResult result =
                ProcessRunner.run(
                        MediaTools.processBuilder(command), Duration.ofMinutes(5), 1 << 20);
        if (result.exitCode() != 0) {
            throw new UncheckedIOException(
                    new IOException("ffmpeg failed: " + result.stderrTail()));
        }
    }
}
