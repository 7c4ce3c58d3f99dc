package dev.lectern.infra.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a child process to completion with a time limit and bounded output capture. On timeout the
 * whole process tree is killed, so a hostile input can cost at most the limit, never a hang.
 * Blocking: call it off the event loop.
 */
public final class ProcessRunner {
    private ProcessRunner() {}

    /** The child ran past its time limit and was killed. */
    public static final class TimeoutException extends RuntimeException {
        public TimeoutException(String message) {
            super(message);
        }
    }

    public static ProcessResult run(ProcessBuilder builder, Duration timeout, int maxOutputBytes) {
        List<String> command = builder.command();
        Process process;
        try {
            process =
                    ChildProcesses.start(
                            builder.redirectInput(
                                    ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.getFirst(), e);
        }
        var stdout = new BoundedCapture(process.getInputStream(), maxOutputBytes, false);
        var stderr = new BoundedCapture(process.getErrorStream(), 16 * 1024, true);
        Thread outThread = Thread.ofVirtual().start(stdout);
        Thread errThread = Thread.ofVirtual().start(stderr);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(process);
                throw new TimeoutException(
                        command.getFirst() + " ran longer than " + timeout.toSeconds() + " s");
            }
            outThread.join();
            errThread.join();
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "interrupted while waiting for " + command.getFirst(), e);
        }
        return new ProcessResult(process.exitValue(), stdout.text(), stderr.text());
    }

    /** Kills a process and every descendant it started. */
    public static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Keeps the first (or, for errors, the last) {@code limit} bytes of a stream and drains the rest. */
    private static final class BoundedCapture implements Runnable {
        private final InputStream in;
        private final int limit;
        private final boolean keepTail;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private byte[] tail = new byte[0];

        BoundedCapture(InputStream in, int limit, boolean keepTail) {
            this.in = in;
            this.limit = limit;
            this.keepTail = keepTail;
        }

        @Override
        public void run() {
            byte[] chunk = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(chunk)) >= 0) {
                    if (keepTail) {
                        byte[] joined = new byte[Math.min(limit, tail.length + n)];
                        int fromOld = joined.length - n;
                        if (fromOld > 0) {
                            System.arraycopy(tail, tail.length - fromOld, joined, 0, fromOld);
                            System.arraycopy(chunk, 0, joined, fromOld, n);
                        } else {
                            System.arraycopy(chunk, n - joined.length, joined, 0, joined.length);
                        }
                        tail = joined;
                    } else if (kept.size() < limit) {
                        kept.write(chunk, 0, Math.min(n, limit - kept.size()));
                    }
                }
            } catch (IOException e) {
                // the process ended or was killed; what was read is what we report
            }
        }

        String text() {
            return new String(keepTail ? tail : kept.toByteArray(), StandardCharsets.UTF_8);
        }
    }
}
