package dev.lectern.infra.jobs;

import static dev.lectern.infra.jobs.JobTestBed.await;
import static dev.lectern.infra.jobs.JobTestBed.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.testkit.TestDirs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The scratch sweeper")
class ScratchSweeperTest {

    @Test
    @DisplayName(
            "deletes the folders of attempts no live lease holds, at start and then periodically, and keeps every other")
    void sweepsDeadAttempts() throws Exception {
        try (JobTestBed bed = new JobTestBed()) {
            Path root = TestDirs.create("scratch");
            Path transcode = Files.createDirectories(root.resolve("transcode"));
            Path speech = Files.createDirectories(root.resolve("speech"));
            // Held by another worker on this machine, on its second attempt.
            long live = job(bed, "running", 2, "now() + interval '60 seconds'");
            long lapsed = job(bed, "running", 1, "now() - interval '1 second'");
            long done = job(bed, "succeeded", 1, null);
            long waiting = job(bed, "queued", 1, null);

            Path liveFolder = folder(transcode, live, 2, 100);
            Path liveEarlier = folder(transcode, live, 1, 1000);
            Path lapsedFolder = folder(speech, lapsed, 1, 2000);
            Path doneFolder = folder(transcode, done, 1, 3000);
            Path waitingFolder = folder(transcode, waiting, 1, 4000);
            Path unknownFolder = folder(transcode, 987654321, 1, 5000);
            Path probe =
                    Files.writeString(
                            Files.createDirectories(root.resolve("ingest")).resolve("probe-1"),
                            "x");
            Path strange = Files.createDirectories(transcode.resolve("job-x-1"));

            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            ScratchSweeper sweeper =
                    new ScratchSweeper(bed.pool, root, Duration.ofMillis(300), registry);
            await(bed.vertx.deployVerticle(sweeper));

            assertThat(liveFolder).as("a live attempt's folder").exists();
            assertThat(liveFolder.resolve("out").resolve("segment")).hasSize(100);
            assertThat(probe).as("what is not an attempt's folder").exists();
            assertThat(strange).exists();
            for (Path dead :
                    new Path[] {
                        liveEarlier, lapsedFolder, doneFolder, waitingFolder, unknownFolder
                    }) {
                assertThat(dead).as("swept at start").doesNotExist();
            }
            assertThat(registry.get("lectern.scratch.swept").counter().count()).isEqualTo(5);
            assertThat(registry.get("lectern.scratch.swept.bytes").counter().count())
                    .isEqualTo(15_000);

            // The live attempt's worker dies: its lease lapses, and the next sweep takes it.
            await(
                    bed.pool
                            .preparedQuery(
                                    "UPDATE jobs SET lease_expires_at = now() - interval '1 second'"
                                            + " WHERE id = $1")
                            .execute(Tuple.of(live)));
            waitUntil(
                    "the lapsed folder is swept",
                    Duration.ofSeconds(5),
                    () -> !Files.exists(liveFolder));
            assertThat(probe).exists();
        }
    }

    private static long job(JobTestBed bed, String status, int attempts, String leaseExpires) {
        String running =
                status.equals("running") ? "'other-host/1/abc', " + leaseExpires : "NULL, NULL";
        return await(
                        bed.pool
                                .query(
                                        "INSERT INTO jobs (kind, status, attempts, lease_owner,"
                                                + " lease_expires_at) VALUES ('test.scratch', '"
                                                + status
                                                + "', "
                                                + attempts
                                                + ", "
                                                + running
                                                + ") RETURNING id")
                                .execute())
                .iterator()
                .next()
                .getLong(0);
    }

    /** An attempt's folder with {@code bytes} in a nested file, as a job leaves it. */
    private static Path folder(Path module, long job, int attempt, int bytes) throws Exception {
        Path folder = ScratchSweeper.folder(module, job, attempt);
        Files.createDirectories(folder.resolve("out"));
        Files.write(folder.resolve("out").resolve("segment"), new byte[bytes]);
        return folder;
    }
}
