package dev.lectern.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/** Whether processes run, read from {@code /proc}: a killed child nobody reaped yet is a zombie. */
public final class TestProcesses {
    private TestProcesses() {}

    /** True while the process exists and is neither a zombie nor dead. */
    public static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X' && state != 'x';
        } catch (IOException e) {
            return false;
        }
    }

    /** The processes of {@code pids} still running after waiting up to {@code limit}. */
    public static List<Long> stillRunning(Collection<Long> pids, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            List<Long> left = pids.stream().filter(TestProcesses::running).toList();
            if (left.isEmpty() || System.nanoTime() > deadline) {
                return left;
            }
            Thread.sleep(50);
        }
    }
}
