package dev.lectern.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.infra.config.ConfigSource;
import dev.lectern.infra.config.Setting;
import dev.lectern.infra.jobs.JobQueue;
import dev.lectern.infra.jobs.NewJob;
import dev.lectern.testkit.TestSettings;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A worker process")
class LecternWorkerTest {

    @Test
    @DisplayName("runs the registered job handlers and no HTTP server")
    void workerRoleRunsJobs() throws InterruptedException {
        // A worker in embedded mode joins the servers a `serve` hosts (EmbeddedHostCrashTest);
        // here it shares the tests' PostgreSQL and S3.
        Map<String, String> settings = TestSettings.isolated("worker");
        settings.put(Setting.SHUTDOWN_GRACE_SECONDS.key(), "1");
        LecternConfig config = LecternConfig.from(ConfigSource.of(settings));
        List<String> ran = new CopyOnWriteArrayList<>();
        try (Lectern lectern =
                Lectern.start(
                        config,
                        Set.of(Role.WORKER),
                        (modules, handlers, background) ->
                                handlers.register(
                                        "test.hello",
                                        context -> {
                                            ran.add(context.payload().getString("name"));
                                            return Future.succeededFuture();
                                        }))) {
            JobQueue queue = new JobQueue(lectern.infrastructure().pool, 3);
            Blocking.await(
                    queue.enqueue(NewJob.of("test.hello", new JsonObject().put("name", "ada"))));

            long deadline = System.nanoTime() + 5_000_000_000L;
            while (ran.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(ran).containsExactly("ada");
        }
    }
}
