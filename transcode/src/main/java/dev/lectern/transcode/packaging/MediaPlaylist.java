package dev.lectern.transcode.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An HLS media playlist ffmpeg wrote for one rendition, with the size of every file it names:
 * the measurements the master playlist and the MPD are written from.
 *
 * @param directory the rendition's folder
 * @param initSegment file name of the CMAF header (EXT-X-MAP)
 */
public record MediaPlaylist(Path directory, String initSegment, List<Segment> segments) {
    /** One CMAF segment: file name, duration in seconds, size in bytes. */
    public record Segment(String file, double duration, long bytes) {}

    public static MediaPlaylist read(Path playlist) {
        return readSoFar(playlist)
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        playlist + " has no init segment or no segments"));
    }

    /**
     * The playlist as ffmpeg has written it so far (it rewrites an event playlist, through a
     * temporary file, after every segment), or empty before its first segment.
     */
    public static Optional<MediaPlaylist> readSoFar(Path playlist) {
        if (!Files.isRegularFile(playlist)) {
            return Optional.empty();
        }
        Path directory = playlist.getParent();
        String init = null;
        List<Segment> segments = new ArrayList<>();
        double pending = -1;
        try {
            for (String raw : Files.readAllLines(playlist)) {
                String line = raw.strip();
                if (line.startsWith("#EXT-X-MAP:")) {
                    int start = line.indexOf("URI=\"") + 5;
                    init = line.substring(start, line.indexOf('"', start));
                } else if (line.startsWith("#EXTINF:")) {
                    String value = line.substring(8);
                    int comma = value.indexOf(',');
                    pending = Double.parseDouble(comma < 0 ? value : value.substring(0, comma));
                } else if (!line.isEmpty() && !line.startsWith("#") && pending >= 0) {
                    segments.add(new Segment(line, pending, Files.size(directory.resolve(line))));
                    pending = -1;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (init == null || segments.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MediaPlaylist(directory, init, segments));
    }

    /** The first {@code count} segments, as published while the rest is still being encoded. */
    public MediaPlaylist first(int count) {
        return new MediaPlaylist(directory, initSegment, segments.subList(0, count));
    }

    /**
     * The playlist as players get it: an event playlist (segments are only ever added), ended
     * with {@code EXT-X-ENDLIST} once the encode is complete. The target duration is the one the
     * encode promises from its first segment on (RFC 8216 forbids changing it), unless a segment
     * turned out longer.
     */
    public String text(int segmentSeconds, boolean ended) {
        long longest = segments.stream().mapToLong(s -> Math.round(s.duration())).max().orElse(0);
        StringBuilder out =
                new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:")
                        .append(Math.max(segmentSeconds, longest))
                        .append("\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:EVENT\n")
                        .append("#EXT-X-INDEPENDENT-SEGMENTS\n#EXT-X-MAP:URI=\"")
                        .append(initSegment)
                        .append("\"\n");
        for (Segment segment : segments) {
            out.append(String.format(Locale.ROOT, "#EXTINF:%.6f,\n", segment.duration()))
                    .append(segment.file())
                    .append('\n');
        }
        if (ended) {
            out.append("#EXT-X-ENDLIST\n");
        }
        return out.toString();
    }

    public double duration() {
        return segments.stream().mapToDouble(Segment::duration).sum();
    }

    public long bytes() {
        try {
            return Files.size(directory.resolve(initSegment))
                    + segments.stream().mapToLong(Segment::bytes).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The highest bitrate of any segment (RFC 8216 BANDWIDTH). Segments shorter than a second (the
     * tail) are measured as if they lasted one, so a tiny last segment does not inflate the peak.
     */
    public long peakBitsPerSecond() {
        return segments.stream()
                .mapToLong(s -> Math.round(s.bytes() * 8 / Math.max(1.0, s.duration())))
                .max()
                .orElse(0);
    }

    /** Total media bits over total duration (RFC 8216 AVERAGE-BANDWIDTH). */
    public long averageBitsPerSecond() {
        long bytes = segments.stream().mapToLong(Segment::bytes).sum();
        return Math.round(bytes * 8 / Math.max(0.001, duration()));
    }
}
