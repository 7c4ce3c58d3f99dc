package dev.lectern.transcode.worker;

import dev.lectern.infra.storage.ObjectStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Uploads a finished output tree under a key prefix, a few files at a time. */
final class TreeUpload {
    private static final int PARALLEL = 4;

    private final Vertx vertx;
    private final ObjectStore store;

    TreeUpload(Vertx vertx, ObjectStore store) {
        this.vertx = vertx;
        this.store = store;
    }

    Future<Void> upload(Path root, String prefix) {
        return vertx.<List<Path>>executeBlocking(() -> files(root))
                .compose(
                        files -> {
                            java.util.concurrent.atomic.AtomicInteger next =
                                    new java.util.concurrent.atomic.AtomicInteger();
                            List<Future<Void>> lanes =
                                    Stream.generate(() -> lane(files, next, root, prefix))
                                            .limit(PARALLEL)
                                            .toList();
                            return Future.all(lanes).mapEmpty();
                        });
    }

    private Future<Void> lane(
            List<Path> files,
            java.util.concurrent.atomic.AtomicInteger next,
            Path root,
            String prefix) {
        int index = next.getAndIncrement();
        if (index >= files.size()) {
            return Future.succeededFuture();
        }
        Path file = files.get(index);
        String key = prefix + root.relativize(file).toString().replace('\\', '/');
        return store.put(key, file, contentType(file))
                .compose(v -> lane(files, next, root, prefix));
    }

    private static List<Path> files(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String contentType(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return switch (dot < 0 ? "" : name.substring(dot + 1)) {
            case "m3u8" -> "application/vnd.apple.mpegurl";
            case "mpd" -> "application/dash+xml";
            case "m4s" -> "video/iso.segment";
            case "mp4" -> "video/mp4";
            case "m4a" -> "audio/mp4";
            case "vtt" -> "text/vtt";
            case "jpg", "jpeg" -> "image/jpeg";
            case "png" -> "image/png";
            case "json" -> "application/json";
            default -> "application/octet-stream";
        };
    }
}
