package dev.lectern.ingest.tus;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.ArrayList;
import java.util.List;

/**
 * One part's bytes kept as the chunks they arrived in. Copying them into one part-sized array
 * would allocate and fill 16 MiB or more per part; instead the part is handed to S3 as a view
 * over the chunks, which the SDK reads in order.
 */
final class PartBuffer {
    private final List<ByteBuf> chunks = new ArrayList<>();
    private int length;

    /** Adds {@code chunk}'s bytes from {@code from} (inclusive) to {@code to} (exclusive). */
    void append(Buffer chunk, int from, int to) {
        if (to > from) {
            chunks.add(((BufferInternal) chunk).getByteBuf().slice(from, to - from));
            length += to - from;
        }
    }

    int length() {
        return length;
    }

    /** The bytes so far as one buffer that shares the chunks' memory. */
    Buffer view() {
        return BufferInternal.buffer(Unpooled.wrappedBuffer(chunks.toArray(ByteBuf[]::new)));
    }
}
