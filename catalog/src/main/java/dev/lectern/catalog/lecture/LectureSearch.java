package dev.lectern.catalog.lecture;

import dev.lectern.infra.auth.Identity;
import io.vertx.core.Future;
import java.util.List;
import java.util.UUID;

/**
 * Full-text search over the lectures a caller may see. Each text is searched in its own language
 * (the lecture's for title and description, the caption track's for cues), so stemming matches
 * the language spoken. Words in the title or description rank above words only spoken in the
 * captions.
 */
public interface LectureSearch {

    /**
     * The best {@code limit} matches for {@code words} (web-search syntax), best first, within one
     * course when {@code courseId} is not null.
     */
    Future<List<SearchHit>> search(Identity who, String words, UUID courseId, int limit);
}
