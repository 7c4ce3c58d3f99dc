package dev.lectern.catalog.caption;

import dev.lectern.catalog.StorageKeys;
import dev.lectern.infra.storage.ObjectStore;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Optional;
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

    public Future<CaptionTrack> add(UUID lectureId, TrackFields fields, List<Cue> cues) {
        UUID captionId = UUID.randomUUID();
        String key = StorageKeys.caption(lectureId, captionId);
        return write(key, cues)
                .compose(
                        v ->
                                captions.add(lectureId, captionId, fields, key, cues)
                                        // No file without its track: a refused insert removes it.
                                        .recover(
                                                failure ->
                                                        store.delete(key)
                                                                .transform(
                                                                        d ->
                                                                                Future.failedFuture(
                                                                                        failure))))
                .compose(
                        added ->
                                added.replacedObjectKey()
                                        .map(old -> store.delete(old).map(added.track()))
                                        .orElse(Future.succeededFuture(added.track())));
    }

    /** Saves edited cues as the track's next revision; empty when there is no such track. */
    public Future<Optional<CaptionTrack>> replaceCues(
            UUID lectureId, UUID captionId, List<Cue> cues) {
        return captions.objectKey(lectureId, captionId)
                .compose(
                        key ->
                                key.isEmpty()
                                        ? Future.succeededFuture(Optional.empty())
                                        : write(key.get(), cues)
                                                .compose(
                                                        v ->
                                                                captions.replaceCues(
                                                                        lectureId, captionId,
                                                                        cues)));
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

    private Future<Void> write(String key, List<Cue> cues) {
        return store.put(key, Buffer.buffer(Captions.toWebVtt(cues)), "text/vtt; charset=utf-8");
    }
}
