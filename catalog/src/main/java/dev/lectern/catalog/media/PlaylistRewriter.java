package dev.lectern.catalog.media;

import dev.lectern.catalog.caption.CaptionTrack;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adds the media token to every URI inside HLS playlists, DASH manifests and thumbnail WebVTT, so
 * a player that follows relative links keeps presenting it; and adds the caption tracks to the HLS
 * master (a SUBTITLES group) and the DASH manifest (text adaptation sets).
 */
public final class PlaylistRewriter {
    private static final Pattern URI_ATTRIBUTE = Pattern.compile("URI=\"([^\"]*)\"");
    private static final Pattern MPD_ATTRIBUTE =
            Pattern.compile("\\b(media|initialization|sourceURL|href)=\"([^\"]*)\"");
    private static final Pattern BASE_URL = Pattern.compile("<BaseURL>([^<]*)</BaseURL>");
    private static final String SUBTITLE_GROUP = "subs";

    private PlaylistRewriter() {}

    static String withToken(String uri, String token) {
        int hash = uri.indexOf('#');
        String fragment = hash < 0 ? "" : uri.substring(hash);
        String base = hash < 0 ? uri : uri.substring(0, hash);
        return base + (base.contains("?") ? "&" : "?") + "token=" + token + fragment;
    }

    public static String hls(String playlist, String token, List<CaptionTrack> captions) {
        boolean master = playlist.contains("#EXT-X-STREAM-INF");
        StringBuilder out = new StringBuilder();
        for (String line : playlist.split("\r?\n")) {
            if (line.isBlank()) {
                out.append('\n');
                continue;
            }
            if (line.startsWith("#")) {
                Matcher m = URI_ATTRIBUTE.matcher(line);
                line =
                        m.replaceAll(
                                r ->
                                        Matcher.quoteReplacement(
                                                "URI=\"" + withToken(r.group(1), token) + "\""));
                if (master && !captions.isEmpty() && line.startsWith("#EXT-X-STREAM-INF:")) {
                    line = line + ",SUBTITLES=\"" + SUBTITLE_GROUP + "\"";
                }
                out.append(line).append('\n');
                if (master && line.startsWith("#EXTM3U")) {
                    for (CaptionTrack track : captions) {
                        out.append("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"")
                                .append(SUBTITLE_GROUP)
                                .append("\",NAME=\"")
                                .append(track.label().replace("\"", "'"))
                                .append("\",LANGUAGE=\"")
                                .append(track.language())
                                .append("\",DEFAULT=")
                                .append(track.isDefault() ? "YES" : "NO")
                                .append(",AUTOSELECT=YES,URI=\"")
                                .append(withToken("../captions/" + track.id() + ".m3u8", token))
                                .append("\"\n");
                    }
                }
                continue;
            }
            out.append(withToken(line.strip(), token)).append('\n');
        }
        return out.toString();
    }

    /** A one-segment HLS media playlist around a WebVTT caption file, as HLS players need. */
    public static String captionPlaylist(String captionId, double durationSeconds, String token) {
        double duration = durationSeconds > 0 ? durationSeconds : 1;
        return "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-TARGETDURATION:"
                + (long) Math.ceil(duration)
                + "\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:"
                + String.format(Locale.ROOT, "%.3f", duration)
                + ",\n"
                + withToken(captionId + ".vtt", token)
                + "\n#EXT-X-ENDLIST\n";
    }

    public static String dash(String manifest, String token, List<CaptionTrack> captions) {
        String out =
                MPD_ATTRIBUTE
                        .matcher(manifest)
                        .replaceAll(
                                r ->
                                        Matcher.quoteReplacement(
                                                r.group(1)
                                                        + "=\""
                                                        + xml(withToken(unxml(r.group(2)), token))
                                                        + "\""));
        out =
                BASE_URL.matcher(out)
                        .replaceAll(
                                r ->
                                        Matcher.quoteReplacement(
                                                "<BaseURL>"
                                                        + xml(withToken(unxml(r.group(1)), token))
                                                        + "</BaseURL>"));
        if (captions.isEmpty() || !out.contains("</Period>")) {
            return out;
        }
        StringBuilder sets = new StringBuilder();
        for (CaptionTrack track : captions) {
            sets.append("    <AdaptationSet contentType=\"text\" mimeType=\"text/vtt\" lang=\"")
                    .append(xml(track.language()))
                    .append("\">\n      <Label>")
                    .append(xml(track.label()))
                    .append("</Label>\n      <Representation id=\"caption-")
                    .append(track.id())
                    .append("\" bandwidth=\"256\">\n        <BaseURL>")
                    .append(xml(withToken("../captions/" + track.id() + ".vtt", token)))
                    .append("</BaseURL>\n      </Representation>\n    </AdaptationSet>\n");
        }
        int at = out.lastIndexOf("</Period>");
        return out.substring(0, at) + sets + out.substring(at);
    }

    /** Thumbnail tracks point at the sprite with {@code sprite.jpg#xywh=…}: token before the fragment. */
    public static String thumbnails(String vtt, String token) {
        StringBuilder out = new StringBuilder();
        for (String line : vtt.split("\r?\n", -1)) {
            boolean reference =
                    !line.isBlank()
                            && !line.contains("-->")
                            && !line.startsWith("WEBVTT")
                            && !line.contains(" ")
                            && line.matches("(?i)[^#]*\\.(jpg|jpeg|png|webp)(#.*)?");
            out.append(reference ? withToken(line, token) : line).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }

    private static String unxml(String text) {
        return text.replace("&quot;", "\"").replace("&lt;", "<").replace("&amp;", "&");
    }
}
