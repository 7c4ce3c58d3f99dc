package dev.lectern.infra.jobs;

import static dev.lectern.infra.jobs.JobTestBed.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.infra.config.InfraConfig.WorkerConfig;
import io.vertx.core.Future;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A worker process killed with SIGKILL")
class WorkerKillTest {
    private static final WorkerConfig CONFIG =
            new WorkerConfig(
                    1,
                    Duration.ofSeconds(3),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(60),
                    Duration.ofSeconds(1),
                    3,
                    1);

    @Test
    @DisplayName("loses its job to another worker within the lease plus one sweep")
    void jobTakenOverAfterKill() throws Exception {
        try (JobTestBed bed = new JobTestBed()) {
            long id = bed.enqueue(NewJob.of("test.victim", null));
            Process child = startChildWorker(bed);
            try {
                var out =
                        new BufferedReader(
                                new InputStreamReader(
                                        child.getInputStream(), StandardCharsets.UTF_8));
                String line;
                do {
                    line = out.readLine();
                } while (line != null && !line.startsWith("RUNNING "));
                assertThat(line).as("the child worker ran the job").isEqualTo("RUNNING " + id);
                String childOwner = bed.job(id).leaseOwner();
                assertThat(childOwner).contains("/" + child.pid() + "/");

                child.destroyForcibly(); // SIGKILL: no shutdown hook, no lease release
                child.waitFor(10, TimeUnit.SECONDS);
                long killedAt = System.nanoTime();
                List<Long> takenOverAfterMillis = new CopyOnWriteArrayList<>();
                bed.deploy(
                        bed.worker(
                                new JobHandlers()
                                        .register(
                                                "test.victim",
                                                context -> {
                                                    takenOverAfterMillis.add(
                                                            (System.nanoTime() - killedAt)
                                                                    / 1_000_000);
                                                    return Future.succeededFuture();
                                                }),
                                CONFIG,
                                Duration.ofSeconds(5)));

                waitUntil(
                        "the job succeeded",
                        Duration.ofSeconds(10),
                        () -> bed.job(id).status() == JobStatus.SUCCEEDED);
                System.out.println("job taken over " + takenOverAfterMillis + " ms after SIGKILL");
                assertThat(takenOverAfterMillis).hasSize(1);
                assertThat(takenOverAfterMillis.get(0))
                        .isLessThan(CONFIG.lease().plus(CONFIG.heartbeat()).toMillis() + 1000);
                assertThat(bed.job(id).attempts()).isEqualTo(2);
            } finally {
                child.destroyForcibly();
            }
        }
    }

    private static Process startChildWorker(JobTestBed bed) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        var db = bed.database;
        return new ProcessBuilder(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        KilledWorkerMain.class.getName(),
                        db.host(),
                        Integer.toString(db.port()),
                        db.database(),
                        db.user(),
                        db.password(),
                        Long.toString(CONFIG.lease().toMillis()),
                        Long.toString(CONFIG.heartbeat().toMillis()))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }
}
