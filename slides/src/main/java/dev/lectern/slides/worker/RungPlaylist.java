package dev.lectern.slides.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The files a published rung's HLS media playlist names, its CMAF header and its segments, so the
 * slides job can copy the lowest rung. Only plain file names are accepted: the job turns them into
 * bucket keys.
 */
record RungPlaylist(String initSegment, List<String> segments) {
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");

    RungPlaylist {
        segments = List.copyOf(segments);
    }

    static RungPlaylist parse(String text) {
        String init = null;
        List<String> segments = new ArrayList<>();
        boolean described = false;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("#EXT-X-MAP:")) {
                int from = line.indexOf("URI=\"") + 5;
                init = checked(line.substring(from, line.indexOf('"', from)));
            } else if (line.startsWith("#EXTINF:")) {
                described = true;
            } else if (!line.isEmpty() && !line.startsWith("#") && described) {
                segments.add(checked(line));
                described = false;
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
