package dev.lectern.catalog.caption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Caption files")
class CaptionsTest {
    private static final String SRT =
            "1\n00:00:01,000 --> 00:00:03,500\nHello <i>students</i>\n\n"
                    + "2\n00:00:04,000 --> 00:01:02,250\nEntropy always\nincreases\n";

    private static List<Cue> parse(String text) throws CaptionFormatException {
        return Captions.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("SRT becomes WebVTT with the same times and text")
    void srtToVtt() throws Exception {
        List<Cue> cues = parse(SRT);
        assertEquals(2, cues.size());
        assertEquals(62.25, cues.get(1).endSeconds());
        assertEquals("Hello students", cues.get(0).plainText());
        assertEquals(
                "WEBVTT\n\n00:00:01.000 --> 00:00:03.500\nHello <i>students</i>\n\n"
                        + "00:00:04.000 --> 00:01:02.250\nEntropy always\nincreases\n\n",
                Captions.toWebVtt(cues));
    }

    @Test
    @DisplayName("a byte-order mark and CRLF line ends read the same as plain LF")
    void bomAndCrlf() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = SRT.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] both = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, both, 0, bom.length);
        System.arraycopy(text, 0, both, bom.length, text.length);
        assertEquals(parse(SRT), Captions.parse(both));
    }

    @Test
    @DisplayName(
            "WebVTT keeps cue settings, skips NOTE and STYLE blocks and accepts short mm:ss times")
    void webVtt() throws Exception {
        List<Cue> cues =
                parse(
                        "\uFEFFWEBVTT - lecture 3\r\n\r\nNOTE made by hand\r\n\r\nSTYLE\r\n::cue { color: red }\r\n\r\n"
                                + "intro\r\n00:01.000 --> 00:02.000 line:0 align:start\r\n<v Tina>Welcome\r\n");
        assertEquals(1, cues.size());
        assertEquals("line:0 align:start", cues.get(0).settings());
        assertEquals("Welcome", cues.get(0).plainText());
        assertEquals(1.0, cues.get(0).startSeconds());
    }

    @Test
    @DisplayName("a bad timing line is rejected with its line number")
    void badCue() {
        CaptionFormatException e =
                assertThrows(
                        CaptionFormatException.class,
                        () ->
                                parse(
                                        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nok\n\n00:00:03 --> soon\nbad\n"));
        assertEquals(6, e.line());
    }

    @Test
    @DisplayName(
            "a cue ending before it starts, a missing blank line, no cues and non-UTF-8 bytes are refused with lines")
    void otherProblems() {
        assertEquals(
                2,
                assertThrows(
                                CaptionFormatException.class,
                                () -> parse("1\n00:00:05,000 --> 00:00:01,000\nx\n"))
                        .line());
        assertEquals(
                4,
                assertThrows(
                                CaptionFormatException.class,
                                () ->
                                        parse(
                                                "1\n00:00:01,000 --> 00:00:02,000\nx\n00:00:03,000 --> 00:00:04,000\n"))
                        .line());
        assertEquals(
                1, assertThrows(CaptionFormatException.class, () -> parse("WEBVTT\n\n")).line());
        assertEquals(
                1,
                assertThrows(
                                CaptionFormatException.class,
                                () -> parse("hello\n00:00:01,000 --> 00:00:02,000\nx\n"))
                        .line());
        byte[] latin1 =
                "1\n00:00:01,000 --> 00:00:02,000\nCaf\u00e9\n"
                        .getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(
                3, assertThrows(CaptionFormatException.class, () -> Captions.parse(latin1)).line());
    }
}
