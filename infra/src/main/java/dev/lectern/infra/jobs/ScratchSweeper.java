package dev.lectern.infra.jobs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the scratch folders of job attempts that no live lease holds: what a worker killed with
 * SIGKILL, by the OOM killer or with its host leaves behind (a copy of the source, partial
 * outputs), since its own clean-up never ran. Attempts keep their files in {@code
 * root/<module>/job-<id>-<attempt>} ({@link JobContext#scratchFolder}). Several workers may share
 * a machine and its data directory, so a folder goes only when the jobs table says that very
 * attempt is not running under an unexpired lease, whichever worker holds it. Runs when the worker
 * starts and then periodically.
 */
public final class ScratchSweeper extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(ScratchSweeper.class);
    private static final Pattern NAME = Pattern.compile("job-([0-9]{1,18})-([0-9]{1,9})");
    private static final int NAMES_LOGGED = 10;

    private static final String LIVE =
            "SELECT id, attempts FROM jobs WHERE id = ANY($1) AND status = 'running'"
                    + " AND lease_expires_at > now()";

    private final Pool pool;
    private final Path root;
    private final Duration period;
    private final Counter sweptFolders;
    private final Counter sweptBytes;
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private long timer = -1;

    /** What one sweep deleted. */
    public record Swept(List<Path> folders, long bytes) {
        static final Swept NOTHING = new Swept(List.of(), 0);
    }

    private record Candidate(Path path, long job, int attempt) {
        String attemptKey() {
            return job + "-" + attempt;
        }
    }

    /**
     * @param root the folder whose module folders hold the attempts' scratch folders (the data
     *     directory's {@code tmp})
     */
    public ScratchSweeper(Pool pool, Path root, Duration period, MeterRegistry registry) {
        this.pool = pool;
        this.root = root;
        this.period = period;
        this.sweptFolders =
                Counter.builder("lectern.scratch.swept")
                        .description("Scratch folders of dead job attempts deleted")
                        .register(registry);
        this.sweptBytes =
                Counter.builder("lectern.scratch.swept.bytes")
                        .description("Bytes in scratch folders of dead job attempts deleted")
                        .baseUnit("bytes")
                        .register(registry);
    }

    /** The scratch folder of one attempt of one job. */
    public static Path folder(Path root, long jobId, int attempt) {
        return root.resolve("job-" + jobId + "-" + attempt);
    }

    @Override
    public Future<?> start() {
        timer = vertx.setPeriodic(period.toMillis(), id -> sweep());
        return sweep().otherwiseEmpty();
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timer);
        return Future.succeededFuture();
    }

    /** One sweep now; nothing when a sweep is still running. Never fails the caller's flow. */
    public Future<Swept> sweep() {
        if (!sweeping.compareAndSet(false, true)) {
            return Future.succeededFuture(Swept.NOTHING);
        }
        // Listed before the leases are read: a folder that exists now belongs to an attempt that
        // was claimed before, so a live attempt is always among the leases read next.
        return vertx.executeBlocking(this::candidates, false)
                .compose(
                        found ->
                                found.isEmpty()
                                        ? Future.succeededFuture(List.<Candidate>of())
                                        : live(found).map(held -> dead(found, held)))
                .compose(
                        dead ->
                                dead.isEmpty()
                                        ? Future.succeededFuture(Swept.NOTHING)
                                        : vertx.executeBlocking(() -> delete(dead), false))
                .onSuccess(this::report)
                .onFailure(e -> LOG.warn("sweeping scratch folders failed: {}", e.getMessage()))
                .eventually(
                        () -> {
                            sweeping.set(false);
                            return Future.succeededFuture();
                        });
    }

    private List<Candidate> candidates() throws IOException {
        List<Candidate> found = new ArrayList<>();
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return found;
        }
        try (DirectoryStream<Path> modules = Files.newDirectoryStream(root)) {
            for (Path module : modules) {
                if (!Files.isDirectory(module, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(module)) {
                    for (Path entry : entries) {
                        Matcher m = NAME.matcher(entry.getFileName().toString());
                        if (m.matches()) {
                            found.add(
                                    new Candidate(
                                            entry,
                                            Long.parseLong(m.group(1)),
                                            Integer.parseInt(m.group(2))));
                        }
                    }
                } catch (NoSuchFileException e) {
                    // removed meanwhile
                }
            }
        }
        return found;
    }

    /** The attempts ("id-attempt") running under an unexpired lease, on any worker. */
    private Future<Set<String>> live(List<Candidate> found) {
        Long[] ids = found.stream().map(Candidate::job).distinct().toArray(Long[]::new);
        return pool.preparedQuery(LIVE)
                .execute(Tuple.of((Object) ids))
                .map(
                        rows -> {
                            Set<String> held = new HashSet<>();
                            for (Row row : rows) {
                                held.add(row.getLong("id") + "-" + row.getInteger("attempts"));
                            }
                            return held;
                        });
    }

    private static List<Candidate> dead(List<Candidate> found, Set<String> held) {
        return found.stream().filter(c -> !held.contains(c.attemptKey())).toList();
    }

    private static Swept delete(List<Candidate> dead) {
        List<Path> deleted = new ArrayList<>();
        long[] bytes = {0};
        for (Candidate candidate : dead) {
            try {
                Files.walkFileTree(
                        candidate.path(),
                        new SimpleFileVisitor<>() {
                            @Override
                            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                                    throws IOException {
                                bytes[0] += attrs.size();
                                Files.deleteIfExists(file);
                                return FileVisitResult.CONTINUE;
                            }

                            @Override
                            public FileVisitResult visitFileFailed(Path file, IOException e)
                                    throws IOException {
                                if (e instanceof NoSuchFileException) {
                                    return FileVisitResult.CONTINUE;
                                }
                                throw e;
                            }

                            @Override
                            public FileVisitResult postVisitDirectory(Path dir, IOException e)
                                    throws IOException {
                                Files.deleteIfExists(dir);
                                return FileVisitResult.CONTINUE;
                            }
                        });
                deleted.add(candidate.path());
            } catch (IOException e) {
                // Tried again at the next sweep.
                LOG.warn("cannot delete scratch folder {}: {}", candidate.path(), e.toString());
            }
        }
        return new Swept(deleted, bytes[0]);
    }

    private void report(Swept swept) {
        if (swept.folders().isEmpty()) {
            return;
        }
        sweptFolders.increment(swept.folders().size());
        sweptBytes.increment(swept.bytes());
        List<String> names =
                swept.folders().stream()
                        .limit(NAMES_LOGGED)
                        .map(p -> root.relativize(p).toString())
                        .toList();
        LOG.info(
                "swept {} scratch folders of dead job attempts ({} MiB): {}{}",
                swept.folders().size(),
                String.format(Locale.ROOT, "%.1f", swept.bytes() / 1048576.0),
                String.join(", ", names),
                swept.folders().size() > NAMES_LOGGED ? ", …" : "");
    }
}
