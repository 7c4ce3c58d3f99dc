package dev.lectern.catalog.caption;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads SRT and WebVTT files (UTF-8 with or without a byte-order mark, CRLF, CR or LF line ends)
 * into cues, and writes cues as WebVTT, the one format players get. Problems name the line, so a
 * teacher can fix the file in an editor.
 */
public final class Captions {
    /** {@code [hh:]mm:ss.mmm} (WebVTT) or {@code hh:mm:ss,mmm} (SRT); both separators accepted. */
    private static final String TIME = "(?:(\\d{1,3}):)?([0-5]\\d):([0-5]\\d)[.,](\\d{3})";

    private static final Pattern TIMING =
            Pattern.compile("^" + TIME + "[ \\t]+-->[ \\t]+" + TIME + "(?:[ \\t]+(.*))?$");
    private static final Pattern SRT_INDEX = Pattern.compile("^\\d+$");

    private Captions() {}

    /** Parses a caption file, detecting WebVTT by its {@code WEBVTT} signature, else SRT. */
    public static List<Cue> parse(byte[] bytes) throws CaptionFormatException {
        String text = decode(bytes);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            if (lines[n].indexOf('\u0000') >= 0) {
                throw new CaptionFormatException(
                        n + 1, "the line holds an invisible NUL character (U+0000); remove it");
            }
        }
        boolean vtt = lines.length > 0 && lines[0].matches("^WEBVTT(?:[ \\t].*)?$");
        if (!vtt && lines.length > 0 && lines[0].startsWith("WEBVTT")) {
            throw new CaptionFormatException(
                    1, "the WEBVTT signature must be followed by a space, a tab or the line end");
        }
        List<Cue> cues = new ArrayList<>();
        int i = vtt ? blockEnd(lines, 0) : 0;
        while (i < lines.length) {
            if (lines[i].isBlank()) {
                i++;
                continue;
            }
            int blockStart = i;
            int end = blockEnd(lines, i);
            if (vtt && isVttMetadata(lines[i])) {
                i = end;
                continue;
            }
            int timingLine = i;
            if (!lines[i].contains("-->")) {
                if (!vtt && !SRT_INDEX.matcher(lines[i].strip()).matches()) {
                    throw new CaptionFormatException(
                            i + 1, "expected a cue number, got '" + shorten(lines[i]) + "'");
                }
                timingLine = i + 1;
            }
            if (timingLine >= end) {
                throw new CaptionFormatException(
                        blockStart + 1,
                        "a cue needs a timing line such as 00:00:01.000 --> 00:00:04.000");
            }
            Matcher m = TIMING.matcher(lines[timingLine].strip());
            if (!m.matches()) {
                throw new CaptionFormatException(
                        timingLine + 1,
                        "expected a timing line such as 00:00:01.000 --> 00:00:04.000, got '"
                                + shorten(lines[timingLine])
                                + "'");
            }
            double start = seconds(m, 1);
            double stop = seconds(m, 5);
            if (stop < start) {
                throw new CaptionFormatException(timingLine + 1, "the cue ends before it starts");
            }
            List<String> body = new ArrayList<>();
            for (int j = timingLine + 1; j < end; j++) {
                if (lines[j].contains("-->")) {
                    throw new CaptionFormatException(
                            j + 1, "a timing line inside cue text: is a blank line missing?");
                }
                body.add(lines[j]);
            }
            if (body.isEmpty()) {
                throw new CaptionFormatException(timingLine + 1, "the cue has no text");
            }
            String settings = vtt && m.group(9) != null ? m.group(9).strip() : "";
            cues.add(new Cue(start, stop, settings, String.join("\n", body)));
            i = end;
        }
        if (cues.isEmpty()) {
            throw new CaptionFormatException(1, "the file contains no cues");
        }
        return cues;
    }

    /** The cues as a WebVTT file. */
    public static String toWebVtt(List<Cue> cues) {
        StringBuilder out = new StringBuilder("WEBVTT\n\n");
        for (Cue cue : cues) {
            out.append(timestamp(cue.startSeconds()))
                    .append(" --> ")
                    .append(timestamp(cue.endSeconds()));
            if (!cue.settings().isEmpty()) {
                out.append(' ').append(cue.settings());
            }
            out.append('\n').append(cue.text()).append("\n\n");
        }
        return out.toString();
    }

    static String timestamp(double seconds) {
        long millis = Math.round(seconds * 1000);
        return String.format(
                Locale.ROOT,
                "%02d:%02d:%02d.%03d",
                millis / 3_600_000,
                millis / 60_000 % 60,
                millis / 1000 % 60,
                millis % 1000);
    }

    private static String decode(byte[] bytes) throws CaptionFormatException {
        CharsetDecoder decoder =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        var result = decoder.decode(in, out, true);
        if (result.isError()) {
            int line = 1;
            for (int k = 0; k < in.position(); k++) {
                if (bytes[k] == '\n') {
                    line++;
                }
            }
            throw new CaptionFormatException(line, "the file is not UTF-8 text");
        }
        try {
            decoder.flush(out);
        } catch (RuntimeException e) {
            throw new CaptionFormatException(1, "the file is not UTF-8 text");
        }
        return out.flip().toString();
    }

    private static boolean isVttMetadata(String line) {
        return line.equals("NOTE")
                || line.startsWith("NOTE ")
                || line.startsWith("NOTE\t")
                || line.equals("STYLE")
                || line.equals("REGION");
    }

    private static int blockEnd(String[] lines, int from) {
        int i = from;
        while (i < lines.length && !lines[i].isBlank()) {
            i++;
        }
        return i;
    }

    private static double seconds(Matcher m, int group) {
        long hours = m.group(group) == null ? 0 : Long.parseLong(m.group(group));
        return hours * 3600
                + Integer.parseInt(m.group(group + 1)) * 60
                + Integer.parseInt(m.group(group + 2))
                + Integer.parseInt(m.group(group + 3)) / 1000.0;
    }

    private static String shorten(String line) {
        return line.length() > 60 ? line.substring(0, 60) + "…" : line;
    }
}
