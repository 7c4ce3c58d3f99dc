package dev.lectern.infra.media;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way Lectern starts a child process (ffmpeg, ffprobe, recognisers, tesseract…), so that
 * children die with their process, also when it is killed with SIGKILL and no shutdown hook runs:
 * otherwise a killed worker's ffmpeg encodes on to the end beside the retry.
 *
 * <p>Each command runs under {@code setpriv --pdeathsig KILL} (util-linux), which asks the kernel
 * to kill the child when its parent dies. The kernel's "parent" is the <em>thread</em> that forked
 * the child, not the process: a child started from a virtual thread would be killed as soon as the
 * carrier thread that happened to run it retires from its idle pool. So every child is forked by
 * one platform thread that lives as long as the JVM. Where {@code setpriv} is missing the children
 * start without it, after one warning.
 */
public final class ChildProcesses {
    private static final Logger LOG = LoggerFactory.getLogger(ChildProcesses.class);

    private static final BlockingQueue<FutureTask<Process>> STARTS = new LinkedBlockingQueue<>();

    /** Read and written on the spawner thread only; null until the first start. */
    private static List<String> prefix;

    static {
        Thread spawner = new Thread(ChildProcesses::spawn, "lectern-child-spawner");
        spawner.setDaemon(true);
        spawner.start();
    }

    private ChildProcesses() {}

    /**
     * {@link ProcessBuilder#start()}, forked by the spawner thread under the parent-death signal.
     * The builder's command is left as the caller set it. An interrupt while waiting does not
     * orphan the child: the process is returned with the interrupt flag set, so the caller's next
     * {@code waitFor} throws and kills it as on any interrupt.
     */
    public static Process start(ProcessBuilder builder) throws IOException {
        FutureTask<Process> task = new FutureTask<>(() -> startHere(builder));
        STARTS.add(task);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    switch (e.getCause()) {
                        case IOException io -> throw io;
                        case RuntimeException runtime -> throw runtime;
                        case Error error -> throw error;
                        default -> throw new IOException(e.getCause());
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void spawn() {
        while (true) {
            try {
                STARTS.take().run();
            } catch (InterruptedException e) {
                // Nobody interrupts this thread; it must outlive every child, so it carries on.
            }
        }
    }

    private static Process startHere(ProcessBuilder builder) throws IOException {
        if (prefix == null) {
            prefix = findPrefix();
        }
        List<String> command = builder.command();
        if (prefix.isEmpty()) {
            return builder.start();
        }
        List<String> prefixed = new ArrayList<>(prefix);
        // The JDK fails the start of a missing program, setpriv would start and exit 127: look
        // first. The name stays as given, since some programs read their own name.
        prefixed.add(mustExist(command.getFirst(), builder.directory()));
        prefixed.addAll(command.subList(1, command.size()));
        builder.command(prefixed);
        try {
            return builder.start();
        } finally {
            builder.command(command);
        }
    }

    private static String mustExist(String program, File directory) throws IOException {
        if (program.contains("/")) {
            Path path = Path.of(program);
            if (!path.isAbsolute() && directory != null) {
                path = directory.toPath().resolve(path);
            }
            if (Files.isRegularFile(path) && Files.isExecutable(path)) {
                return program;
            }
            throw new IOException(
                    "Cannot run program \"" + program + "\": error=2, No such file or directory");
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(":", -1)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir).resolve(program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return program;
            }
        }
        throw new IOException(
                "Cannot run program \"" + program + "\": error=2, No such file or directory");
    }

    private static List<String> findPrefix() {
        for (String setpriv : List.of("/usr/bin/setpriv", "/bin/setpriv")) {
            if (!Files.isExecutable(Path.of(setpriv))) {
                continue;
            }
            List<String> prefix = List.of(setpriv, "--pdeathsig", "KILL", "--");
            List<String> probe = new ArrayList<>(prefix);
            probe.add("true");
            try {
                Process process =
                        new ProcessBuilder(probe)
                                .redirectErrorStream(true)
                                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                                .start();
                if (process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0) {
                    return prefix;
                }
                process.destroyForcibly();
            } catch (IOException e) {
                // fall through to the warning
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.warn(
                "setpriv (util-linux) with --pdeathsig was not found: child processes (ffmpeg,"
                        + " recognisers) will outlive this process if it is killed with SIGKILL");
        return List.of();
    }
}
