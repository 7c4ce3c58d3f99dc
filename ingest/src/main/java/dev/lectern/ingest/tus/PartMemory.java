package dev.lectern.ingest.tus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The memory that parts are assembled in, as 1 MiB blocks of direct memory shared by every upload
 * in the process and reused: a block goes back to the free list once its part is stored, so the
 * pages are touched once and the garbage collector never sees upload bytes.
 *
 * <p>Up to the budget ({@code LECTERN_UPLOAD_MEMORY_MB}) blocks are direct; past it, or past the
 * JVM's own direct-memory limit, a block is a plain heap array that is simply dropped after use.
 * Many uploads at once therefore run slower, but never fail or wait for memory: a request waiting for
 * a block that only another paused request could free would wait for ever.
 */
public final class PartMemory {
    static final int BLOCK_BYTES = 1 << 20;

    private final Queue<ByteBuffer> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger direct = new AtomicInteger();
    private final AtomicInteger lent = new AtomicInteger();
    private final Counter overflow;
    private volatile int maxDirect;

    /** One per process: every event loop's uploads share the budget. */
    public PartMemory(long budgetBytes, MeterRegistry registry) {
        this.maxDirect = (int) Math.max(0, budgetBytes / BLOCK_BYTES);
        Gauge.builder("lectern.upload.memory", lent, n -> (double) n.get() * BLOCK_BYTES)
                .description("Direct memory holding upload parts not yet stored")
                .baseUnit("bytes")
                .tag("state", "in_use")
                .register(registry);
        Gauge.builder("lectern.upload.memory", free, q -> (double) q.size() * BLOCK_BYTES)
                .description("Direct memory kept for the next upload parts")
                .baseUnit("bytes")
                .tag("state", "idle")
                .register(registry);
        this.overflow =
                Counter.builder("lectern.upload.memory.overflow")
                        .description("Part blocks taken from the heap because the budget was used")
                        .register(registry);
    }

    /** An empty block (position 0, limit {@link #BLOCK_BYTES}) to copy part bytes into. */
    ByteBuffer take() {
        ByteBuffer block = free.poll();
        if (block != null) {
            lent.incrementAndGet();
            return block.clear();
        }
        if (direct.incrementAndGet() <= maxDirect) {
            try {
                block = ByteBuffer.allocateDirect(BLOCK_BYTES);
                lent.incrementAndGet();
                return block;
            } catch (OutOfMemoryError limit) {
                // -XX:MaxDirectMemorySize is below the budget: keep what we have from now on.
                maxDirect = direct.get() - 1;
            }
        }
        direct.decrementAndGet();
        overflow.increment();
        return ByteBuffer.allocate(BLOCK_BYTES);
    }

    /** Takes a block back once nothing reads it any more; heap blocks are left to the GC. */
    void give(ByteBuffer block) {
        if (block.isDirect()) {
            lent.decrementAndGet();
            free.add(block);
        }
    }

    /** Direct blocks handed out and not yet given back. */
    int inUse() {
        return lent.get();
    }

    /** Direct blocks waiting in the free list. */
    int idle() {
        return free.size();
    }
}
