package dev.lectern.slides.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A published rung's HLS media playlist: its CMAF header and its segments with their start times,
 * so the slides job can copy the lowest rung. Only plain file names are accepted: the job turns
 * them into bucket keys.
 */
record RungPlaylist(String initSegment, List<Segment> segments) {
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");

    /** One segment: file name, start and duration in seconds. */
    record Segment(String file, double startSeconds, double durationSeconds) {}

    RungPlaylist {
        segments = List.copyOf(segments);
    }

    static RungPlaylist parse(String text) {
        String init = null;
        List<Segment> segments = new ArrayList<>();
        double start = 0;
        double pending = -1;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("#EXT-X-MAP:")) {
                int from = line.indexOf("URI=\"") + 5;
                init = checked(line.substring(from, line.indexOf('"', from)));
            } else if (line.startsWith("#EXTINF:")) {
                String value = line.substring(8);
                int comma = value.indexOf(',');
                pending = Double.parseDouble(comma < 0 ? value : value.substring(0, comma));
            } else if (!line.isEmpty() && !line.startsWith("#") && pending >= 0) {
                segments.add(new Segment(checked(line), start, pending));
                start += pending;
                pending = -1;
            }
        }
        if (init == null || segments.isEmpty()) {
            throw new IllegalArgumentException("the playlist has no init segment or no segments");
        }
        return new RungPlaylist(init, segments);
    }

    private static String checked(String name) {
        if (!FILE_NAME.matcher(name).matches() || name.contains("..")) {
            throw new IllegalArgumentException("unexpected file name in a playlist: " + name);
        }
        return name;
    }
}
