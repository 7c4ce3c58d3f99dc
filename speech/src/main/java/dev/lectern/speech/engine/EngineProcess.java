package dev.lectern.speech.engine;

import dev.lectern.infra.media.ChildProcesses;
import dev.lectern.infra.media.ProcessRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Runs an engine's child process to its end, checking a few times a second whether the job wants
 * it stopped; on a stop, a time-out or an interrupt the whole process tree is killed. The caller
 * sets the command (under {@code nice}) and where its output goes.
 */
public final class EngineProcess {
    private static final long POLL_MILLIS = 200;

    private EngineProcess() {}

    /**
     * Its exit code; a {@link RecognitionException} naming it {@code name} when it was stopped or
     * ran too long.
     */
    public static int run(
            String name, ProcessBuilder builder, Duration timeLimit, BooleanSupplier stopRequested)
            throws IOException, RecognitionException {
        Process process = ChildProcesses.start(builder);
        long deadline = System.nanoTime() + timeLimit.toNanos();
        try {
            while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (stopRequested.getAsBoolean()) {
                    ProcessRunner.killTree(process);
                    throw new RecognitionException(name + " was stopped");
                }
                if (System.nanoTime() - deadline > 0) {
                    ProcessRunner.killTree(process);
                    throw new RecognitionException(
                            String.format(
                                    Locale.ROOT,
                                    "%s ran longer than %.1f s",
                                    name,
                                    timeLimit.toMillis() / 1000.0));
                }
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            ProcessRunner.killTree(process);
            Thread.currentThread().interrupt();
            throw new RecognitionException(name + " was interrupted", e);
        }
    }
}
