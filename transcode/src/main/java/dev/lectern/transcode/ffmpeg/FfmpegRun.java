package dev.lectern.transcode.ffmpeg;

import dev.lectern.infra.media.ChildProcesses;
import dev.lectern.infra.media.MediaTools;
import dev.lectern.infra.media.ProcessRunner;
import dev.lectern.transcode.Cancellation;
import dev.lectern.transcode.TranscodeException;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Supervises one long ffmpeg process: streams its {@code -progress} blocks to a consumer, keeps
 * the end of its error output, and kills it with its children on cancel, on timeout or when the
 * waiting thread is interrupted.
 */
public final class FfmpegRun {
    private static final int ERROR_LINES_KEPT = 40;

    private FfmpegRun() {}

    public static void run(
            List<String> command,
            Duration limit,
            Cancellation cancellation,
            Consumer<Map<String, String>> progressBlocks) {
        cancellation.check();
        Process process;
        try {
            process =
                    ChildProcesses.start(
                            MediaTools.processBuilder(command)
                                    .redirectInput(
                                            ProcessBuilder.Redirect.from(new File("/dev/null"))));
        } catch (IOException e) {
            throw new TranscodeException(
                    TranscodeException.Reason.FFMPEG_FAILED, "cannot start ffmpeg", e);
        }
        Runnable unregister = cancellation.onCancel(() -> ProcessRunner.killTree(process));
        Deque<String> errors = new ArrayDeque<>();
        Thread out = Thread.ofVirtual().start(() -> readProgress(process, progressBlocks));
        Thread err = Thread.ofVirtual().start(() -> keepTail(process, errors));
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                ProcessRunner.killTree(process);
                throw new TranscodeException(
                        TranscodeException.Reason.TIMED_OUT,
                        "ffmpeg ran longer than " + limit.toSeconds() + " s");
            }
            out.join();
            err.join();
        } catch (InterruptedException e) {
            ProcessRunner.killTree(process);
            Thread.currentThread().interrupt();
            throw new TranscodeException(TranscodeException.Reason.CANCELLED, "interrupted", e);
        } finally {
            unregister.run();
        }
        cancellation.check();
        if (process.exitValue() != 0) {
            String tail;
            synchronized (errors) {
                tail = String.join("\n", errors);
            }
            throw new TranscodeException(
                    TranscodeException.Reason.FFMPEG_FAILED,
                    "ffmpeg exited with " + process.exitValue() + ": " + tail);
        }
    }

    private static void readProgress(Process process, Consumer<Map<String, String>> consumer) {
        try (BufferedReader reader =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            Map<String, String> block = new HashMap<>();
            String line;
            while ((line = reader.readLine()) != null) {
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String key = line.substring(0, eq).strip();
                block.put(key, line.substring(eq + 1).strip());
                if (key.equals("progress")) {
                    consumer.accept(Map.copyOf(block));
                    block.clear();
                }
            }
        } catch (IOException e) {
            // the process ended or was killed
        }
    }

    private static void keepTail(Process process, Deque<String> lines) {
        try (BufferedReader reader =
                new BufferedReader(
                        new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (lines) {
                    lines.addLast(line.length() > 500 ? line.substring(0, 500) : line);
                    if (lines.size() > ERROR_LINES_KEPT) {
                        lines.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // the process ended or was killed
        }
    }
}
