package dev.lectern.transcode.worker;

import dev.lectern.catalog.media.MediaTypes;
import dev.lectern.infra.storage.ObjectStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Uploads media segments while ffmpeg is still encoding, so that when the encode ends only the
 * playlists, images and downloads are left to upload. ffmpeg writes each segment under a {@code
 * .tmp} name and renames it once complete ({@code -hls_flags temp_file}), so a {@code .m4s} file
 * that exists is final, and so is its rendition's header by then. Uploads run
 * one after another on one chain: segments appear every few seconds, far slower than an upload to
 * S3 takes. After each batch the chain runs {@code afterBatch} with everything stored so far (the
 * early publishing of playlists, which must only name stored segments).
 */
final class SegmentShipper {
    private static final long SCAN_MILLIS = 1000;

    private final Vertx vertx;
    private final ObjectStore store;
    private final Path root;
    private final String prefix;
    private final Map<String, Long> shipped = new ConcurrentHashMap<>();
    private final Map<String, Boolean> queued = new ConcurrentHashMap<>();
    private volatile Future<Void> chain = Future.succeededFuture();
    private volatile boolean scanning;
    private long timer = -1;

    private final Function<Map<String, Long>, Future<Void>> afterBatch;

    SegmentShipper(
            Vertx vertx,
            ObjectStore store,
            Path root,
            String prefix,
            Function<Map<String, Long>, Future<Void>> afterBatch) {
        this.vertx = vertx;
        this.store = store;
        this.root = root;
        this.prefix = prefix;
        this.afterBatch = afterBatch;
    }

    /** Starts watching the output tree; call on a Vert.x context. */
    void start() {
        timer = vertx.setPeriodic(SCAN_MILLIS, id -> scan());
    }

    /**
     * Stops watching and waits for the uploads in flight. Completes with the files already in the
     * store (relative path to size), or fails with the first upload error.
     */
    synchronized Future<Map<String, Long>> finish() {
        stop();
        return chain.map(v -> Map.copyOf(shipped));
    }

    /**
     * Stops watching; uploads already queued still run (a failed attempt's version folder is
     * deleted after {@link #finish()} completes, so it catches them too).
     */
    synchronized void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    /** Queues uploads unless watching has stopped: nothing is added behind {@link #finish()}. */
    private synchronized void enqueue(List<Path> files) {
        if (timer < 0) {
            return;
        }
        boolean added = false;
        for (Path file : files) {
            String relative = root.relativize(file).toString().replace('\\', '/');
            if (queued.putIfAbsent(relative, true) == null) {
                chain = chain.compose(v -> ship(file, relative));
                added = true;
            }
        }
        if (added) {
            chain = chain.compose(v -> afterBatch.apply(Map.copyOf(shipped)));
        }
    }

    private void scan() {
        if (scanning || chain.failed()) {
            return;
        }
        scanning = true;
        vertx.executeBlocking(this::completeSegments, false)
                .onComplete(
                        found -> {
                            scanning = false;
                            if (found.succeeded()) {
                                enqueue(found.result());
                            }
                        });
    }

    private Future<Void> ship(Path file, String relative) {
        String key = prefix + relative;
        return vertx.executeBlocking(() -> Files.size(file), false)
                .compose(
                        size ->
                                store.put(key, file, MediaTypes.contentType(key))
                                        .onSuccess(v -> shipped.put(relative, size)));
    }

    private List<Path> completeSegments() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> segments =
                    walk.filter(p -> p.getFileName().toString().endsWith(".m4s"))
                            .filter(Files::isRegularFile)
                            .sorted()
                            .toList();
            // Headers first, then segments in order: a rendition plays from what was stored.
            List<Path> headers = new ArrayList<>();
            for (Path folder : segments.stream().map(Path::getParent).distinct().toList()) {
                try (Stream<Path> files = Files.list(folder)) {
                    files.filter(SegmentShipper::isHeader).forEach(headers::add);
                }
            }
            return Stream.concat(headers.stream(), segments.stream()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException e) {
            // A file vanished mid-walk (ffmpeg renaming a .tmp): the next scan sees it.
            return List.of();
        }
    }

    /** A rendition's CMAF header: ffmpeg names it {@code init.mp4}, or {@code init_N.mp4} per variant. */
    private static boolean isHeader(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith("init") && name.endsWith(".mp4") && Files.isRegularFile(file);
    }
}
