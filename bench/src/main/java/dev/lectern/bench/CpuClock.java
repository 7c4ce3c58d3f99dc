package dev.lectern.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of this JVM and of its finished children, from {@code /proc/self/stat}. A child's CPU
 * time is added to {@code cutime/cstime} when it is reaped, which the JDK does as soon as it
 * exits, so the difference of two readings around a finished ffmpeg is that ffmpeg's CPU time.
 */
record CpuClock(double selfSeconds, double childrenSeconds) {
    private static final double TICKS_PER_SECOND = 100.0;

    static CpuClock now() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // Fields after the command name (which is in parentheses and may contain spaces).
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double self = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
            double children = (Long.parseLong(f[13]) + Long.parseLong(f[14])) / TICKS_PER_SECOND;
            return new CpuClock(self, children);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read /proc/self/stat: " + e.getMessage(), e);
        }
    }

    /** CPU seconds spent since {@code earlier}, by this JVM and its reaped children together. */
    double totalSince(CpuClock earlier) {
        return (selfSeconds - earlier.selfSeconds) + (childrenSeconds - earlier.childrenSeconds);
    }

    double childrenSince(CpuClock earlier) {
        return childrenSeconds - earlier.childrenSeconds;
    }

    double selfSince(CpuClock earlier) {
        return selfSeconds - earlier.selfSeconds;
    }
}
