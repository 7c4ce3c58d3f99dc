package dev.lectern.transcode.worker;

import dev.lectern.catalog.media.MediaTypes;
import dev.lectern.infra.storage.ObjectStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Uploads a finished output tree under a key prefix, a few files at a time, skipping the files
 * already in the store with the same size (the segments shipped while encoding). Playlists and
 * manifests go last: players may already be reading this version (it was published while it was
 * encoded), and a playlist must never name a segment that is not stored yet.
 */
final class TreeUpload {
    private static final int PARALLEL = 4;

    private final Vertx vertx;
    private final ObjectStore store;

    TreeUpload(Vertx vertx, ObjectStore store) {
        this.vertx = vertx;
        this.store = store;
    }

    Future<Void> upload(Path root, String prefix, Map<String, Long> alreadyStored) {
        return vertx.<List<Path>>executeBlocking(() -> files(root, alreadyStored))
                .compose(
                        files ->
                                inLanes(
                                                files.stream().filter(f -> !describes(f)).toList(),
                                                root,
                                                prefix)
                                        .compose(
                                                v ->
                                                        inLanes(
                                                                files.stream()
                                                                        .filter(
                                                                                TreeUpload
                                                                                        ::describes)
                                                                        .toList(),
                                                                root,
                                                                prefix)));
    }

    private Future<Void> inLanes(List<Path> files, Path root, String prefix) {
        AtomicInteger next = new AtomicInteger();
        List<Future<Void>> lanes =
                Stream.generate(() -> lane(files, next, root, prefix)).limit(PARALLEL).toList();
        return Future.all(lanes).mapEmpty();
    }

    /** A playlist or manifest: it names other files, which must be stored before it. */
    private static boolean describes(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".m3u8") || name.endsWith(".mpd");
    }

    private Future<Void> lane(List<Path> files, AtomicInteger next, Path root, String prefix) {
        int index = next.getAndIncrement();
        if (index >= files.size()) {
            return Future.succeededFuture();
        }
        Path file = files.get(index);
        String key = prefix + root.relativize(file).toString().replace('\\', '/');
        return store.put(key, file, MediaTypes.contentType(key))
                .compose(v -> lane(files, next, root, prefix));
    }

    private static List<Path> files(Path root, Map<String, Long> alreadyStored) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> !stored(root, file, alreadyStored))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean stored(Path root, Path file, Map<String, Long> alreadyStored) {
        Long size = alreadyStored.get(root.relativize(file).toString().replace('\\', '/'));
        try {
            return size != null && size == Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
