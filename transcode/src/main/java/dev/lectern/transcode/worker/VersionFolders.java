package dev.lectern.transcode.worker;

import dev.lectern.catalog.StorageKeys;
import dev.lectern.catalog.lifecycle.LectureState;
import dev.lectern.catalog.media.MediaTypes;
import dev.lectern.infra.storage.ObjectFiles;
import dev.lectern.infra.storage.ObjectStore;
import dev.lectern.transcode.ffmpeg.LadderCommand;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lecture's version folders in the store: every attempt writes one, and one at most is
 * published. The methods wait for the store, so they are called from a sequential job.
 */
final class VersionFolders {
    private static final String ENDLIST = "#EXT-X-ENDLIST";
    private static final Logger LOG = LoggerFactory.getLogger(VersionFolders.class);

    private final ObjectStore store;

    VersionFolders(ObjectStore store) {
        this.store = store;
    }

    /**
     * Deletes the folders no attempt will ever publish (a worker died mid-upload). The published
     * version stays, and so does a preview students may be watching: a dead attempt's preview is
     * sealed instead, so players reach its end rather than wait for segments that will not come.
     */
    void removeDeadAttempts(LectureState lecture) {
        List<String> keep = new ArrayList<>();
        if (lecture.publishedVersion() != null) {
            keep.add(StorageKeys.versionPrefix(lecture.id(), lecture.publishedVersion()));
        }
        if (lecture.previewVersion() != null) {
            String preview = StorageKeys.versionPrefix(lecture.id(), lecture.previewVersion());
            keep.add(preview);
            seal(preview);
        }
        String versionsStart = StorageKeys.lecturePrefix(lecture.id()) + "v";
        List<Future<Void>> deletes =
                store.list(versionsStart).await().stream()
                        .filter(o -> keep.stream().noneMatch(o.key()::startsWith))
                        .map(o -> store.delete(o.key()))
                        .toList();
        Future.all(deletes).await();
    }

    /**
     * Once {@code version} is published, deletes every other version folder: the one students
     * watched before and any preview of an earlier attempt. They watch the new one now, so a
     * failure only leaves folders for the lecture's next transcode to remove.
     */
    void removeAllBut(UUID lectureId, int version) {
        String keep = StorageKeys.versionPrefix(lectureId, version);
        try {
            List<Future<Void>> deletes =
                    store.list(StorageKeys.lecturePrefix(lectureId) + "v").await().stream()
                            .filter(o -> !o.key().startsWith(keep))
                            .map(o -> store.delete(o.key()))
                            .toList();
            Future.all(deletes).await();
        } catch (RuntimeException e) {
            LOG.warn(
                    "lecture {}: old versions stay in the store until the next transcode: {}",
                    lectureId,
                    e.getMessage());
        }
    }

    /**
     * Ends every media playlist in a version folder that does not end yet, so players stop at the
     * end of what was stored instead of waiting for segments that will never come.
     */
    void seal(String versionPrefix) {
        List<Future<Void>> seals =
                store.list(versionPrefix).await().stream()
                        .map(ObjectStore.ObjectInfo::key)
                        .filter(key -> key.endsWith("/" + LadderCommand.PLAYLIST))
                        .map(this::sealPlaylist)
                        .toList();
        Future.all(seals).await();
    }

    private Future<Void> sealPlaylist(String key) {
        return ObjectFiles.read(store, key)
                .compose(
                        body ->
                                body.isEmpty() || body.get().toString().contains(ENDLIST)
                                        ? Future.<Void>succeededFuture()
                                        : store.put(
                                                key,
                                                body.get().copy().appendString(ENDLIST + "\n"),
                                                MediaTypes.contentType(key)));
    }
}
