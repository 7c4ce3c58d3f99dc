package dev.lectern.transcode.worker;

import dev.lectern.catalog.StorageKeys;
import dev.lectern.catalog.lifecycle.LectureState;
import dev.lectern.infra.storage.ObjectStore;
import io.vertx.core.Future;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lecture's version folders in the store: every attempt writes one, and one at most is
 * published. The methods wait for the store, so they are called from a sequential job.
 */
final class VersionFolders {
    private static final Logger LOG = LoggerFactory.getLogger(VersionFolders.class);

    private final ObjectStore store;

    VersionFolders(ObjectStore store) {
        this.store = store;
    }

    /** Deletes the folders no attempt will ever publish (a worker died mid-upload). */
    void removeDeadAttempts(LectureState lecture) {
        String keep =
                lecture.publishedVersion() == null
                        ? null
                        : StorageKeys.versionPrefix(lecture.id(), lecture.publishedVersion());
        String versionsStart = StorageKeys.lecturePrefix(lecture.id()) + "v";
        List<Future<Void>> deletes =
                store.list(versionsStart).await().stream()
                        .filter(o -> keep == null || !o.key().startsWith(keep))
                        .map(o -> store.delete(o.key()))
                        .toList();
        Future.all(deletes).await();
    }

    /**
     * Deletes the version students watched before the one just published. They watch the new one
     * now, so a failure only leaves a folder for the lecture's next transcode to remove.
     */
    void removeReplaced(UUID lectureId, int version) {
        try {
            store.deletePrefix(StorageKeys.versionPrefix(lectureId, version)).await();
        } catch (RuntimeException e) {
            LOG.warn(
                    "lecture {}: version {} stays in the store until the next transcode: {}",
                    lectureId,
                    version,
                    e.getMessage());
        }
    }
}
