package dev.lectern.bench;

import dev.lectern.app.LecternConfig;
import dev.lectern.catalog.StorageKeys;
import dev.lectern.catalog.lifecycle.PgLectureLifecycle;
import dev.lectern.catalog.lifecycle.SourceObject;
import dev.lectern.catalog.lifecycle.SourceSummary;
import dev.lectern.infra.config.ConfigSource;
import dev.lectern.infra.storage.S3ObjectStore;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Jobs per minute with 1, 2 and 4 {@code lectern worker} processes sharing one PostgreSQL and one
 * S3 (embedded ones hosted here, as an API host would share them) on a queue of short lectures.
 */
final class ScaleBench {
    private static final Pattern WORKER_UP = Pattern.compile("job worker .* running kinds");

    private final Bench bench;

    ScaleBench(Bench bench) {
        this.bench = bench;
    }

    Table run() throws Exception {
        Table table =
                new Table(
                        "Scale: worker processes on one queue of short lectures",
                        "worker processes",
                        "jobs",
                        "wall s",
                        "jobs / min",
                        "speed-up vs 1");
        int jobs = bench.quick ? 3 : 8;
        int seconds = bench.quick ? 6 : 20;
        Path clip = bench.inputs.camera(640, 360, seconds);
        Path dir = bench.dir("scale");
        try (SharedServers servers = new SharedServers(dir)) {
            Pool pool = servers.pool;
            S3ObjectStore store = servers.store;
            var lifecycle =
                    new PgLectureLifecycle(
                            pool,
                            LecternConfig.from(ConfigSource.of(Map.of()))
                                    .infra()
                                    .worker()
                                    .maxAttempts());
            Map<String, String> settings = servers.settings();
            settings.put("LECTERN_WORKER_CONCURRENCY", "1");
            UUID course =
                    pool.query(
                                    "INSERT INTO courses (code, title) VALUES ('SCALE', 'Scale') RETURNING id")
                            .execute()
                            .await()
                            .iterator()
                            .next()
                            .getUUID(0);
            double single = 0;
            for (int workers : bench.quick ? List.of(1, 2) : List.of(1, 2, 4)) {
                Bench.log("scale: " + workers + " worker process(es), " + jobs + " jobs");
                List<ChildJvm> children = new ArrayList<>();
                try {
                    for (int w = 0; w < workers; w++) {
                        Map<String, String> own = new HashMap<>(settings);
                        own.put(
                                "LECTERN_DATA_DIR",
                                Files.createDirectories(dir.resolve("worker-" + workers + "-" + w))
                                        .toString());
                        children.add(
                                ChildJvm.start(
                                        bench.lecternJar,
                                        ChildJvm.serviceOptions(bench.lecternJar),
                                        List.of("worker"),
                                        own,
                                        dir.resolve("worker-" + workers + "-" + w + ".log")));
                    }
                    for (ChildJvm child : children) {
                        child.awaitLog(WORKER_UP, 120);
                    }
                    List<UUID> lectures = new ArrayList<>();
                    for (int j = 0; j < jobs; j++) {
                        lectures.add(
                                lecture(
                                        pool,
                                        lifecycle,
                                        store,
                                        course,
                                        clip,
                                        "w" + workers + "-" + j));
                    }
                    long start = System.nanoTime();
                    for (UUID lecture : lectures) {
                        lifecycle
                                .acceptSource(
                                        lecture,
                                        new SourceObject(
                                                StorageKeys.source(lecture),
                                                "clip.mp4",
                                                Files.size(clip)),
                                        new SourceSummary(
                                                "mov,mp4,m4a,3gp,3g2,mj2", seconds, List.of()),
                                        1)
                                .await();
                    }
                    awaitReady(pool, lectures, 60 + jobs * seconds * 4);
                    double wall = (System.nanoTime() - start) / 1e9;
                    double perMinute = jobs / wall * 60;
                    if (workers == 1) {
                        single = perMinute;
                    }
                    table.row(
                            workers,
                            jobs,
                            Format.f1(wall),
                            Format.f1(perMinute),
                            Format.ratio(perMinute / single));
                } finally {
                    children.forEach(ChildJvm::close);
                }
            }
        }
        table.note(
                "Each worker process runs one job at a time (LECTERN_WORKER_CONCURRENCY=1) and ffmpeg with one thread per"
                        + " core; sources are "
                        + seconds
                        + " s 640x360 camera-like clips. On 2 cores the curve flattens once the"
                        + " cores are busy: what it shows is that processes share one queue without losing or duplicating jobs,"
                        + " and what the extra processes cost.");
        return table;
    }

    private static UUID lecture(
            Pool pool,
            PgLectureLifecycle lifecycle,
            S3ObjectStore store,
            UUID course,
            Path clip,
            String title) {
        UUID lecture =
                pool.preparedQuery(
                                "INSERT INTO lectures (course_id, title) VALUES ($1, $2) RETURNING id")
                        .execute(Tuple.of(course, title))
                        .await()
                        .iterator()
                        .next()
                        .getUUID(0);
        store.put(StorageKeys.source(lecture), clip, "video/mp4").await();
        lifecycle.beginUpload(lecture).await();
        return lecture;
    }

    private static void awaitReady(Pool pool, List<UUID> lectures, double seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        UUID[] ids = lectures.toArray(UUID[]::new);
        while (System.nanoTime() < deadline) {
            var row =
                    pool.preparedQuery(
                                    "SELECT count(*) FILTER (WHERE status = 'ready'), count(*) FILTER (WHERE status IN ('failed', 'rejected'))"
                                            + " FROM lectures WHERE id = ANY($1)")
                            .execute(Tuple.of(ids))
                            .await()
                            .iterator()
                            .next();
            if (row.getLong(1) > 0) {
                throw new IllegalStateException(row.getLong(1) + " lecture(s) failed");
            }
            if (row.getLong(0) == lectures.size()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("lectures not ready after " + seconds + " s");
    }
}
