package dev.lectern.transcode.packaging;

import dev.lectern.catalog.RenditionSet.AudioOutput;
import dev.lectern.catalog.RenditionSet.VideoOutput;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a static DASH MPD (ISO/IEC 23009-1, live profile) over the very segments the HLS
 * playlists list: each representation's SegmentTemplate names its folder's init and numbered
 * segments, and a SegmentTimeline carries the measured durations.
 */
public final class DashManifest {
    private static final Pattern SEGMENT_NAME = Pattern.compile("seg_(\\d{5})\\.m4s");
    private static final int TIMESCALE = 1000;

    private DashManifest() {}

    /**
     * @param playlists each rendition's parsed media playlist, by rendition id
     * @param language RFC 5646 tag of the audio, or {@code null}
     */
    public static String write(
            double duration,
            int segmentSeconds,
            List<VideoOutput> video,
            List<AudioOutput> audio,
            Map<String, MediaPlaylist> playlists,
            String language) {
        StringBuilder out = new StringBuilder();
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\"")
                .append(" profiles=\"urn:mpeg:dash:profile:isoff-live:2011\" type=\"static\"")
                .append(" mediaPresentationDuration=\"")
                .append(isoDuration(duration))
                .append("\" minBufferTime=\"")
                .append(isoDuration(segmentSeconds))
                .append("\">\n  <Period id=\"0\" start=\"PT0S\">\n");
        int adaptationId = 0;
        if (!video.isEmpty()) {
            int maxWidth = video.stream().mapToInt(VideoOutput::width).max().orElse(0);
            int maxHeight = video.stream().mapToInt(VideoOutput::height).max().orElse(0);
            out.append("    <AdaptationSet id=\"")
                    .append(adaptationId++)
                    .append("\" contentType=\"video\" mimeType=\"video/mp4\"")
                    .append(" segmentAlignment=\"true\" startWithSAP=\"1\" maxWidth=\"")
                    .append(maxWidth)
                    .append("\" maxHeight=\"")
                    .append(maxHeight)
                    .append("\">\n");
            for (VideoOutput v : video) {
                out.append("      <Representation id=\"")
                        .append(v.id())
                        .append("\" codecs=\"")
                        .append(v.codecs())
                        .append("\" bandwidth=\"")
                        .append(v.bandwidth())
                        .append("\" width=\"")
                        .append(v.width())
                        .append("\" height=\"")
                        .append(v.height())
                        .append("\" frameRate=\"")
                        .append(v.frameRate())
                        .append("\" sar=\"1:1\">\n");
                template(out, v.id(), playlists.get(v.id()));
                out.append("      </Representation>\n");
            }
            out.append("    </AdaptationSet>\n");
        }
        for (AudioOutput a : audio) {
            out.append("    <AdaptationSet id=\"")
                    .append(adaptationId++)
                    .append("\" contentType=\"audio\" mimeType=\"audio/mp4\"")
                    .append(" segmentAlignment=\"true\" startWithSAP=\"1\"");
            if (language != null) {
                out.append(" lang=\"").append(language).append('"');
            }
            out.append(">\n");
            if (a.inGroup() || video.isEmpty()) {
                out.append(
                        "      <Role schemeIdUri=\"urn:mpeg:dash:role:2011\" value=\"main\"/>\n");
            } else {
                out.append(
                        "      <Role schemeIdUri=\"urn:mpeg:dash:role:2011\" value=\"alternate\"/>\n");
            }
            out.append("      <Representation id=\"")
                    .append(a.id())
                    .append("\" codecs=\"")
                    .append(a.codecs())
                    .append("\" bandwidth=\"")
                    .append(a.bandwidth())
                    .append("\" audioSamplingRate=\"")
                    .append(a.sampleRate())
                    .append("\">\n")
                    .append("        <AudioChannelConfiguration")
                    .append(
                            " schemeIdUri=\"urn:mpeg:dash:23003:3:audio_channel_configuration:2011\"")
                    .append(" value=\"")
                    .append(a.channels())
                    .append("\"/>\n");
            template(out, a.id(), playlists.get(a.id()));
            out.append("      </Representation>\n    </AdaptationSet>\n");
        }
        out.append("  </Period>\n</MPD>\n");
        return out.toString();
    }

    private static void template(StringBuilder out, String folder, MediaPlaylist playlist) {
        List<MediaPlaylist.Segment> segments = playlist.segments();
        int first = number(segments.getFirst().file());
        for (int i = 0; i < segments.size(); i++) {
            if (number(segments.get(i).file()) != first + i) {
                throw new IllegalStateException(folder + " segments are not numbered in sequence");
            }
        }
        out.append("        <SegmentTemplate timescale=\"")
                .append(TIMESCALE)
                .append("\" initialization=\"")
                .append(folder)
                .append('/')
                .append(playlist.initSegment())
                .append("\" media=\"")
                .append(folder)
                .append("/seg_$Number%05d$.m4s\" startNumber=\"")
                .append(first)
                .append("\">\n          <SegmentTimeline>\n");
        // Start times from the running sum, rounded once, so rounding never accumulates.
        double elapsed = 0;
        long previousStart = 0;
        long runDuration = -1;
        int repeats = 0;
        StringBuilder timeline = new StringBuilder();
        for (MediaPlaylist.Segment segment : segments) {
            long start = Math.round(elapsed * TIMESCALE);
            elapsed += segment.duration();
            long duration = Math.round(elapsed * TIMESCALE) - start;
            if (duration == runDuration) {
                repeats++;
            } else {
                appendRun(timeline, previousStart, runDuration, repeats);
                previousStart = start;
                runDuration = duration;
                repeats = 0;
            }
        }
        appendRun(timeline, previousStart, runDuration, repeats);
        out.append(timeline).append("          </SegmentTimeline>\n        </SegmentTemplate>\n");
    }

    private static void appendRun(StringBuilder out, long start, long duration, int repeats) {
        if (duration < 0) {
            return;
        }
        out.append("            <S t=\"")
                .append(start)
                .append("\" d=\"")
                .append(duration)
                .append('"');
        if (repeats > 0) {
            out.append(" r=\"").append(repeats).append('"');
        }
        out.append("/>\n");
    }

    private static int number(String file) {
        Matcher matcher = SEGMENT_NAME.matcher(file);
        if (!matcher.matches()) {
            throw new IllegalStateException("unexpected segment name " + file);
        }
        return Integer.parseInt(matcher.group(1));
    }

    static String isoDuration(double seconds) {
        return String.format(Locale.ROOT, "PT%.3fS", seconds);
    }
}
