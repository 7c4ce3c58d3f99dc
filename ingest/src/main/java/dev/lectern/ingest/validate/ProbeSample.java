package dev.lectern.ingest.validate;

import dev.lectern.infra.storage.ByteRange;
import dev.lectern.infra.storage.ObjectStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.streams.ReadStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Copies to a local file only the parts of a stored source that ffprobe reads, so probing a 20 GB
 * recording costs a few ranged GETs and tens of MiB of disk instead of a full download. The file
 * has the object's full length; the bytes not fetched are a sparse hole (zeros). Fetched: the
 * first and last {@link #WINDOW} bytes (headers, the first packets, end-of-file indexes such as an
 * MP4 moov written last, an AVI idx1, the last MPEG-TS timestamps) and, for ISO media (MP4/MOV),
 * the whole {@code moov} box wherever it sits, found by walking the top-level boxes with 16-byte
 * ranged reads.
 *
 * <p>Not caught this way: damage in the middle of the file (the transcode fails later with its own
 * code) and metadata kept in the middle of other containers; those sources are judged on what the
 * two windows show.
 */
public final class ProbeSample {
    /** Bytes fetched from each end of the object. */
    static final long WINDOW = 16L * 1024 * 1024;

    /** A moov larger than this is not fetched (an 8-hour recording's is well under 64 MiB). */
    static final long MAX_MOOV = 256L * 1024 * 1024;

    /** How many top-level boxes the walk looks at before giving up. */
    static final int MAX_BOXES = 64;

    private static final Set<String> ISO_FIRST_BOXES =
            Set.of("ftyp", "mdat", "moov", "free", "skip", "wide", "pnot");

    private final Vertx vertx;
    private final ObjectStore store;
    private final long window;

    public ProbeSample(Vertx vertx, ObjectStore store) {
        this(vertx, store, WINDOW);
    }

    /** With another window size, so tests can sample small files. */
    ProbeSample(Vertx vertx, ObjectStore store, long window) {
        this.vertx = vertx;
        this.store = store;
        this.window = window;
    }

    /** Writes the sample of {@code key} to {@code target}; returns the object's size. */
    public Future<Long> fetch(String key, Path target) {
        return store.head(key)
                .compose(
                        info -> {
                            long size =
                                    info.orElseThrow(
                                                    () ->
                                                            new IllegalStateException(
                                                                    "source object "
                                                                            + key
                                                                            + " is missing"))
                                            .size();
                            return ranges(key, size)
                                    .compose(wanted -> write(key, wanted, target))
                                    .map(size);
                        });
    }

    /** The byte ranges to copy, as [from, to) pairs, sorted and merged. */
    Future<List<long[]>> ranges(String key, long size) {
        List<long[]> wanted = new ArrayList<>();
        if (size <= 2 * window) {
            if (size > 0) {
                wanted.add(new long[] {0, size});
            }
            return Future.succeededFuture(wanted);
        }
        wanted.add(new long[] {0, window});
        wanted.add(new long[] {size - window, size});
        return moov(key, size, 0, 0)
                .map(
                        box -> {
                            box.ifPresent(wanted::add);
                            return merge(wanted);
                        });
    }

    /** Walks the top-level ISO boxes from {@code pos}; the moov's range if found in budget. */
    private Future<java.util.Optional<long[]>> moov(String key, long size, long pos, int seen) {
        if (seen >= MAX_BOXES || pos + 8 > size) {
            return Future.succeededFuture(java.util.Optional.empty());
        }
        return read(key, pos, Math.min(pos + 16, size))
                .compose(
                        header -> {
                            long boxSize = header.getUnsignedInt(0);
                            String type =
                                    header.getString(4, 8, StandardCharsets.ISO_8859_1.name());
                            if (boxSize == 1 && header.length() >= 16) {
                                boxSize = header.getLong(8);
                            } else if (boxSize == 0) {
                                boxSize = size - pos;
                            }
                            boolean iso = seen > 0 || ISO_FIRST_BOXES.contains(type);
                            if (!iso || boxSize < 8 || pos + boxSize > size) {
                                return Future.succeededFuture(java.util.Optional.empty());
                            }
                            if (type.equals("moov")) {
                                return Future.succeededFuture(
                                        boxSize <= MAX_MOOV
                                                ? java.util.Optional.of(
                                                        new long[] {pos, pos + boxSize})
                                                : java.util.Optional.empty());
                            }
                            return moov(key, size, pos + boxSize, seen + 1);
                        });
    }

    private Future<Buffer> read(String key, long from, long to) {
        return store.get(key, ByteRange.of(from, to - 1))
                .compose(
                        found -> {
                            ReadStream<Buffer> body = found.orElseThrow().body();
                            Promise<Buffer> read = Promise.promise();
                            Buffer all = Buffer.buffer();
                            body.handler(all::appendBuffer);
                            body.exceptionHandler(read::tryFail);
                            body.endHandler(v -> read.tryComplete(all));
                            body.resume();
                            return read.future();
                        });
    }

    static List<long[]> merge(List<long[]> ranges) {
        List<long[]> sorted = new ArrayList<>(ranges);
        sorted.sort((a, b) -> Long.compare(a[0], b[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] range : sorted) {
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && range[0] <= last[1]) {
                last[1] = Math.max(last[1], range[1]);
            } else {
                merged.add(new long[] {range[0], range[1]});
            }
        }
        return merged;
    }

    private Future<Void> write(String key, List<long[]> wanted, Path target) {
        return vertx.<Void>executeBlocking(
                        () -> {
                            Files.createDirectories(target.getParent());
                            return null;
                        },
                        false)
                .compose(
                        v ->
                                vertx.fileSystem()
                                        .open(
                                                target.toString(),
                                                new OpenOptions()
                                                        .setWrite(true)
                                                        .setCreate(true)
                                                        .setTruncateExisting(true)))
                .compose(file -> copy(key, wanted, 0, file).eventually(file::close));
    }

    private Future<Void> copy(String key, List<long[]> wanted, int index, AsyncFile file) {
        if (index >= wanted.size()) {
            return Future.succeededFuture();
        }
        long[] range = wanted.get(index);
        return store.get(key, ByteRange.of(range[0], range[1] - 1))
                .compose(
                        found -> {
                            file.setWritePos(range[0]);
                            return found.orElseThrow().body().pipe().endOnComplete(false).to(file);
                        })
                .compose(v -> copy(key, wanted, index + 1, file));
    }
}
