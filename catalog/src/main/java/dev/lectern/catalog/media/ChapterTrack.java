package dev.lectern.catalog.media;

import dev.lectern.catalog.caption.Captions;
import dev.lectern.catalog.caption.Chapter;
import dev.lectern.catalog.caption.Cue;
import java.util.ArrayList;
import java.util.List;

/**
 * A lecture's chapters as a WebVTT chapters track ({@code kind="chapters"}), for players that
 * show chapters from a track: each runs until the next one starts, the last until the end.
 */
public record ChapterTrack(List<Chapter> chapters, double durationSeconds) {

    public ChapterTrack {
        chapters = List.copyOf(chapters);
    }

    public String toWebVtt() {
        List<Cue> cues = new ArrayList<>(chapters.size());
        for (int i = 0; i < chapters.size(); i++) {
            Chapter chapter = chapters.get(i);
            double end =
                    i + 1 < chapters.size()
                            ? chapters.get(i + 1).startSeconds()
                            : Math.max(durationSeconds, chapter.startSeconds());
            if (end <= chapter.startSeconds()) {
                continue; // two chapters at one instant: players can show only the later one
            }
            // A title is one line; "-->" would read as a cue timing.
            String title = chapter.title().replaceAll("\\s+", " ").replace("-->", "→");
            cues.add(new Cue(chapter.startSeconds(), end, "", title));
        }
        return Captions.toWebVtt(cues);
    }
}
