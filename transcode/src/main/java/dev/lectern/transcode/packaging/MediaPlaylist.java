package dev.lectern.transcode.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
            throw new IllegalStateException(playlist + " has no init segment or no segments");
        }
        return new MediaPlaylist(directory, init, segments);
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
