package dev.lectern.infra.storage;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory that multipart parts are assembled in, as 1 MiB blocks of direct memory shared by
 * every upload of the process and reused: a block goes back to the free list once its part is
 * stored, so the pages are touched once and the garbage collector never sees the bytes.
 *
 * <p>Up to the budget ({@code LECTERN_S3_PART_MEMORY_MB}, at most half the JVM's direct-memory
 * limit) blocks are direct; past it a block is a plain heap array that is simply dropped after use.
 * Many uploads at once therefore run slower, but never fail or wait for memory: a request waiting
 * for a block that only another paused request could free would wait for ever.
 */
public final class PartMemory implements MeterBinder {
    static final int BLOCK_BYTES = 1 << 20;

    private final Queue<ByteBuffer> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger direct = new AtomicInteger();
    private final AtomicInteger lent = new AtomicInteger();
    private final AtomicLong overflow = new AtomicLong();
    private volatile int maxDirect;

    public PartMemory(long budgetBytes) {
        // Half the JVM's limit at most: Netty and NIO draw on it too, and reaching it costs a
        // System.gc() and half a second of retries on the event loop that asked.
        long usable = Math.min(budgetBytes, jvmDirectLimit() / 2);
        this.maxDirect = (int) Math.max(0, usable / BLOCK_BYTES);
    }

    /** -XX:MaxDirectMemorySize, or the heap's maximum when it is not set (the JVM's default). */
    static long jvmDirectLimit() {
        long heap = Runtime.getRuntime().maxMemory();
        try {
            var diagnostics = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            long set = Long.parseLong(diagnostics.getVMOption("MaxDirectMemorySize").getValue());
            return set > 0 ? set : heap;
        } catch (RuntimeException notHotSpot) {
            return heap;
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("lectern.part.memory", lent, n -> (double) n.get() * BLOCK_BYTES)
                .description("Direct memory holding multipart parts not yet stored")
                .baseUnit("bytes")
                .tag("state", "in_use")
                .register(registry);
        Gauge.builder("lectern.part.memory", free, q -> (double) q.size() * BLOCK_BYTES)
                .description("Direct memory kept for the next parts")
                .baseUnit("bytes")
                .tag("state", "idle")
                .register(registry);
        FunctionCounter.builder("lectern.part.memory.overflow", overflow, AtomicLong::get)
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
                // Others took the JVM's direct memory: keep what we have from now on.
                maxDirect = direct.get() - 1;
            }
        }
        direct.decrementAndGet();
        overflow.incrementAndGet();
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

    /** Blocks that came from the heap because the budget was used up. */
    long overflowed() {
        return overflow.get();
    }
}
