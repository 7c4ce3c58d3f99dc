package dev.lectern.infra.embedded;

import dev.lectern.infra.config.ConfigException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code embedded.lock} in the data directory, locked by the host of the embedded servers for as
 * long as it runs. The kernel releases the lock when the host dies however it dies, so a held lock
 * means a live host and a free one means none, whatever {@code embedded.json} still says.
 */
final class HostLock implements AutoCloseable {
    static final String FILE = "embedded.lock";

    /** Lock files this JVM holds: never opened again here, as closing any descriptor of a file drops this process's lock on it. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;

    private HostLock(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** The lock, or empty when another process holds it. */
    static HostLock tryAcquire(Path file) {
        Path key = file.toAbsolutePath().normalize();
        if (!HELD.add(key)) {
            return null;
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new HostLock(key, channel);
            }
        } catch (OverlappingFileLockException e) {
            // held elsewhere in this JVM
        } catch (IOException e) {
            HELD.remove(key);
            throw new ConfigException("cannot lock " + key + ": " + e.getMessage(), e);
        }
        closeQuietly(channel);
        HELD.remove(key);
        return null;
    }

    /** Whether a live process (this one included) holds the lock. */
    static boolean held(Path file) {
        Path key = file.toAbsolutePath().normalize();
        if (HELD.contains(key)) {
            return true;
        }
        HostLock probe = tryAcquire(key);
        if (probe == null) {
            return true;
        }
        probe.close();
        return false;
    }

    @Override
    public void close() {
        closeQuietly(channel);
        HELD.remove(file);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // released by the kernel anyway when the process ends
            }
        }
    }
}
