package dev.lectern.infra.storage;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.streams.ReadStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whole objects: copied to local files for tools that need a file (ffmpeg, recognisers), or read
 * into memory when they are small (a checkpoint, a manifest).
 */
public final class ObjectFiles {
    private ObjectFiles() {}

    /**
     * Streams the object at {@code key} into {@code target} (created or truncated); false when
     * there is no such object. Call it on an event loop: the body's chunks arrive there.
     */
    public static Future<Boolean> download(
            Vertx vertx, ObjectStore store, String key, Path target) {
        return store.get(key, ByteRange.ALL)
                .compose(
                        found -> {
                            if (found.isEmpty()) {
                                return Future.succeededFuture(false);
                            }
                            return vertx.fileSystem()
                                    .open(
                                            target.toString(),
                                            new OpenOptions()
                                                    .setWrite(true)
                                                    .setCreate(true)
                                                    .setTruncateExisting(true))
                                    .compose(file -> found.get().body().pipeTo(file))
                                    .map(true);
                        });
    }

    /** The whole object in memory, or empty when there is none; only for small objects. */
    public static Future<Optional<Buffer>> read(ObjectStore store, String key) {
        return store.get(key, ByteRange.ALL)
                .compose(
                        found -> {
                            if (found.isEmpty()) {
                                return Future.succeededFuture(Optional.empty());
                            }
                            Buffer all = Buffer.buffer();
                            Promise<Optional<Buffer>> done = Promise.promise();
                            ReadStream<Buffer> body = found.get().body();
                            body.handler(all::appendBuffer)
                                    .exceptionHandler(done::tryFail)
                                    .endHandler(v -> done.tryComplete(Optional.of(all)));
                            body.resume();
                            return done.future();
                        });
    }
}
