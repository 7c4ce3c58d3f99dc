package dev.lectern.catalog.caption;

import dev.lectern.catalog.StorageKeys;
import dev.lectern.infra.storage.ObjectStore;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.UUID;

/**
 * Caption tracks as players get them: a WebVTT file next to the lecture's other objects, whatever
 * format the teacher uploaded, plus the track's rows. The file is written before the rows, so a
 * listed track always has its file.
 */
public final class CaptionFiles {
    private final CaptionStore captions;
    private final ObjectStore store;

    public CaptionFiles(CaptionStore captions, ObjectStore store) {
        this.captions = captions;
        this.store = store;
    }

    public Future<CaptionTrack> add(
            UUID lectureId, String language, String label, boolean isDefault, List<Cue> cues) {
        UUID captionId = UUID.randomUUID();
        String key = StorageKeys.caption(lectureId, captionId);
        Buffer vtt = Buffer.buffer(Captions.toWebVtt(cues));
        return store.put(key, vtt, "text/vtt; charset=utf-8")
                .compose(
                        v ->
                                captions.add(
                                        lectureId, captionId, language, label, isDefault, key,
                                        cues));
    }

    /** False when the lecture has no such track. */
    public Future<Boolean> remove(UUID lectureId, UUID captionId) {
        return captions.remove(lectureId, captionId)
                .compose(
                        key ->
                                key.isEmpty()
                                        ? Future.succeededFuture(false)
                                        : store.delete(key.get()).map(v -> true));
    }
}
