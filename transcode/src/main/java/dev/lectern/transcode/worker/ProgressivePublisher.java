package dev.lectern.transcode.worker;

import dev.lectern.catalog.RenditionSet;
import dev.lectern.catalog.lifecycle.LectureLifecycle;
import dev.lectern.catalog.media.MediaTypes;
import dev.lectern.infra.storage.ObjectStore;
import dev.lectern.transcode.EncodePlan;
import dev.lectern.transcode.packaging.MediaPlaylist;
import dev.lectern.transcode.packaging.OutputAssembler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a lecture's first version while it is encoded. After each batch of segments reaches
 * the store, every rendition's event playlist is rewritten to list the segments stored so far
 * (never one that is not there yet), the master playlist follows once every rendition has its
 * first segment, and then the catalog is told how far the lecture plays. The playlists keep their
 * final names, so a player that started early reads on into the finished lecture; the encode's
 * end writes them again with {@code EXT-X-ENDLIST}.
 */
final class ProgressivePublisher {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressivePublisher.class);

    /** The catalog hears how far the lecture plays at most this often. */
    private static final long TELL_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Vertx vertx;
    private final ObjectStore store;
    private final LectureLifecycle lifecycle;
    private final UUID lectureId;
    private final int version;
    private final String prefix;
    private final Map<String, Integer> publishedSegments = new HashMap<>();
    private volatile EncodePlan plan;
    private boolean masterStored;
    private volatile boolean shown;
    private long toldAt;
    private double toldSeconds = -1;

    ProgressivePublisher(
            Vertx vertx,
            ObjectStore store,
            LectureLifecycle lifecycle,
            UUID lectureId,
            int version,
            String prefix) {
        this.vertx = vertx;
        this.store = store;
        this.lifecycle = lifecycle;
        this.lectureId = lectureId;
        this.version = version;
        this.prefix = prefix;
    }

    /** The encode is about to start writing: from now on there is something to publish. */
    void planned(EncodePlan plan) {
        this.plan = plan;
    }

    /** Whether students were shown this version (then a failed attempt seals it, not deletes it). */
    boolean shown() {
        return shown;
    }

    /**
     * Runs after each batch of uploads, on the shipper's chain, so it never overlaps itself. A
     * failure is logged and retried with the next batch: publishing early must never fail the
     * encode.
     *
     * @param stored every file already in the store, relative to the output folder
     */
    Future<Void> afterStored(Map<String, Long> stored) {
        EncodePlan current = plan;
        if (current == null) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> storedSoFar(current, stored), false)
                .compose(
                        soFar ->
                                soFar.isEmpty()
                                        ? Future.succeededFuture()
                                        : publish(current, soFar))
                .recover(
                        error -> {
                            LOG.warn(
                                    "lecture {}: publishing version {} early failed, will retry: {}",
                                    lectureId,
                                    version,
                                    error.toString());
                            return Future.succeededFuture();
                        });
    }

    /**
     * Every rendition's playlist cut to the segments already stored (a segment counts only with its
     * rendition's header), or empty until every rendition has at least one.
     */
    private static Map<String, MediaPlaylist> storedSoFar(
            EncodePlan plan, Map<String, Long> stored) {
        Map<String, MediaPlaylist> soFar = new HashMap<>();
        for (String id : renditionIds(plan)) {
            var written =
                    MediaPlaylist.readSoFar(
                            plan.output().resolve(id).resolve(OutputAssembler.PLAYLIST));
            if (written.isEmpty() || !stored.containsKey(id + "/" + written.get().initSegment())) {
                return Map.of();
            }
            int count = 0;
            for (MediaPlaylist.Segment segment : written.get().segments()) {
                if (!stored.containsKey(id + "/" + segment.file())) {
                    break;
                }
                count++;
            }
            if (count == 0) {
                return Map.of();
            }
            soFar.put(id, written.get().first(count));
        }
        return soFar;
    }

    private Future<Void> publish(EncodePlan plan, Map<String, MediaPlaylist> soFar) {
        List<Future<Void>> puts = new ArrayList<>();
        soFar.forEach(
                (id, playlist) -> {
                    if (publishedSegments.getOrDefault(id, 0) < playlist.segments().size()) {
                        puts.add(
                                putPlaylist(
                                        id, playlist.text(plan.ladder().segmentSeconds(), false)));
                    }
                });
        return Future.all(puts)
                .compose(
                        v -> {
                            soFar.forEach(
                                    (id, p) -> publishedSegments.put(id, p.segments().size()));
                            RenditionSet preview =
                                    OutputAssembler.preview(
                                            plan.facts(), plan.analysis(), plan.ladder(), soFar);
                            Future<Void> master =
                                    masterStored
                                            ? Future.succeededFuture()
                                            : store.put(
                                                            prefix + OutputAssembler.MASTER,
                                                            Buffer.buffer(
                                                                    OutputAssembler.master(
                                                                            preview)),
                                                            MediaTypes.contentType(
                                                                    OutputAssembler.MASTER))
                                                    .onSuccess(stored -> masterStored = true);
                            return master.compose(stored -> tell(preview, soFar));
                        });
    }

    /** Tells the catalog how far the lecture plays: at once the first time, then now and then. */
    private Future<Void> tell(RenditionSet preview, Map<String, MediaPlaylist> soFar) {
        double seconds =
                soFar.values().stream().mapToDouble(MediaPlaylist::duration).min().orElse(0);
        long now = System.nanoTime();
        if (seconds <= toldSeconds || (toldSeconds >= 0 && now - toldAt < TELL_EVERY_NANOS)) {
            return Future.succeededFuture();
        }
        return lifecycle
                .showPreview(lectureId, version, preview, seconds)
                .map(
                        accepted -> {
                            if (accepted && !shown) {
                                LOG.info(
                                        "lecture {} plays while version {} is encoded",
                                        lectureId,
                                        version);
                            }
                            shown |= accepted;
                            toldAt = now;
                            toldSeconds = seconds;
                            return null;
                        });
    }

    private Future<Void> putPlaylist(String id, String text) {
        String key = prefix + id + "/" + OutputAssembler.PLAYLIST;
        return store.put(key, Buffer.buffer(text), MediaTypes.contentType(key));
    }

    private static List<String> renditionIds(EncodePlan plan) {
        List<String> ids = new ArrayList<>();
        plan.ladder().video().forEach(r -> ids.add(r.id()));
        plan.ladder().audio().forEach(a -> ids.add(a.id()));
        return ids;
    }
}
