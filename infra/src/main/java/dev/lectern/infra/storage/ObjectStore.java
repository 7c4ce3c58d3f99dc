package dev.lectern.infra.storage;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where every byte Lectern owns is kept. Reads and writes stream: no method holds a whole object in
 * memory, so a 6-hour recording costs the same heap as a 6-second one.
 */
public interface ObjectStore {

    /** Uploads a local file; large files go up as a multipart upload. */
    Future<Void> put(String key, Path file, String contentType);

    /** Stores a small object held in memory (a playlist, a caption file). */
    Future<Void> put(String key, Buffer content, String contentType);

    /**
     * Streams a body of unknown length into the store. The stream is paused while a part is in
     * flight, so memory stays at about one part whatever the size.
     */
    Future<Long> put(String key, ReadStream<Buffer> body, String contentType);

    /** Opens an object for reading, whole or a byte range; empty when it does not exist. */
    Future<Optional<StoredObject>> get(String key, ByteRange range);

    Future<Optional<ObjectInfo>> head(String key);

    /** Every object whose key starts with {@code prefix}, in key order. */
    Future<List<ObjectInfo>> list(String prefix);

    Future<Void> delete(String key);

    /**
     * Deletes every object under {@code prefix}, and aborts the unfinished multipart uploads there
     * (an upload cut off by the deletion), and returns how many objects there were.
     */
    Future<Integer> deletePrefix(String prefix);

    /** A URL that lets its holder GET the object until {@code ttl} has passed. */
    URI presignGet(String key, Duration ttl);

    /** Cheap reachability check for readiness probes. */
    Future<Void> ping();

    /** Metadata of one stored object. */
    record ObjectInfo(String key, long size, String etag, String contentType) {}

    /** An object being read: its metadata, the byte range returned, and its body. */
    record StoredObject(ObjectInfo info, ByteRange.Resolved range, ReadStream<Buffer> body) {}
}
