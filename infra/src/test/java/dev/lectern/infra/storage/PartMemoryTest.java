package dev.lectern.infra.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("part memory: direct blocks reused up to the budget, heap blocks past it")
class PartMemoryTest {
    static final int BLOCK = PartMemory.BLOCK_BYTES;

    @Test
    @DisplayName(
            "blocks given back are handed out again; past the budget blocks come from the heap")
    void budget() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PartMemory memory = new PartMemory(2L * BLOCK);
        memory.bindTo(registry);
        ByteBuffer first = memory.take();
        ByteBuffer second = memory.take();
        ByteBuffer third = memory.take();
        assertTrue(first.isDirect() && second.isDirect());
        assertFalse(third.isDirect(), "the budget holds two blocks");
        assertEquals(1.0, registry.get("lectern.part.memory.overflow").functionCounter().count());
        assertEquals(2, memory.inUse());
        first.put((byte) 7);
        memory.give(first);
        memory.give(third);
        assertEquals(1, memory.inUse());
        assertEquals(1, memory.idle(), "heap blocks are not kept");
        ByteBuffer again = memory.take();
        assertSame(first, again);
        assertEquals(0, again.position(), "a reused block starts empty");
        assertEquals(BLOCK, again.remaining());
        assertEquals(
                2.0 * BLOCK,
                registry.get("lectern.part.memory").tag("state", "in_use").gauge().value());
    }

    @Test
    @DisplayName(
            "a part spanning blocks is cut at the part size, reads back byte for byte, and release gives every block back once")
    void partAcrossBlocks() {
        PartMemory memory = new PartMemory(4L * BLOCK);
        byte[] data = new byte[BLOCK * 2 + 12345];
        new Random(3).nextBytes(data);
        PartBuffer part = new PartBuffer(memory);
        // Chunks of odd sizes, each copied from an offset inside it.
        int at = 0;
        for (int size : new int[] {1000, BLOCK - 1000 + 1, 6000, BLOCK - 7000, 7}) {
            Buffer chunk = Buffer.buffer(new byte[3]).appendBytes(data, at, size);
            assertEquals(chunk.length(), part.fill(chunk, 3, data.length));
            at += size;
        }
        // The last chunk runs past the part: it is cut where the part is full.
        Buffer last =
                Buffer.buffer().appendBytes(data, at, data.length - at).appendBytes(new byte[100]);
        assertEquals(data.length - at, part.fill(last, 0, data.length));
        assertEquals(data.length, part.length());
        assertEquals(3, memory.inUse());
        assertArrayEquals(data, part.view().getBytes());
        part.release();
        part.release();
        assertEquals(0, memory.inUse());
        assertEquals(3, memory.idle());
        assertEquals(0, part.length());
        assertEquals(0, part.view().length());
    }

    @Test
    @DisplayName(
            "sent bytes keep their blocks until the call's future completes, even if the buffer is released meanwhile")
    void sendReleasesAfterCompletion() {
        PartMemory memory = new PartMemory(4L * BLOCK);
        PartBuffer part = new PartBuffer(memory);
        byte[] data = new byte[BLOCK + 10];
        new Random(5).nextBytes(data);
        part.fill(Buffer.buffer(data), 0, data.length);
        Promise<Void> stored = Promise.promise();
        Buffer[] handed = new Buffer[1];
        Future<Void> sent =
                part.send(
                        bytes -> {
                            handed[0] = bytes;
                            return stored.future();
                        });
        assertEquals(0, part.length(), "the buffer is empty once its bytes are sent");
        // An import aborted while S3 still reads: releasing the buffer must not free what it sent.
        part.release();
        assertEquals(2, memory.inUse());
        assertArrayEquals(data, handed[0].getBytes());
        stored.complete();
        assertTrue(sent.succeeded());
        assertEquals(0, memory.inUse());
        assertEquals(2, memory.idle());
    }
}
