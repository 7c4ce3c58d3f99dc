package dev.lectern.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.infra.config.ConfigSource;
import dev.lectern.infra.config.Setting;
import dev.lectern.infra.jobs.JobQueue;
import dev.lectern.infra.jobs.NewJob;
import dev.lectern.testkit.TestSettings;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

    @Test
    @DisplayName("answers probes and scrapers on LECTERN_OPS_PORT, and nothing else there")
    void workerOpsPort() throws Exception {
        Map<String, String> settings = TestSettings.isolated("worker-ops");
        settings.put(Setting.SHUTDOWN_GRACE_SECONDS.key(), "1");
        settings.put(Setting.OPS_PORT.key(), "0");
        settings.put(Setting.METRICS_TOKEN.key(), "scraper-secret");
        LecternConfig config = LecternConfig.from(ConfigSource.of(settings));
        try (Lectern lectern = Lectern.start(config, Set.of(Role.WORKER))) {
            String base = "http://127.0.0.1:" + lectern.opsPort();
            HttpClient client = HttpClient.newHttpClient();
            assertThat(get(client, base + "/health/live", null).statusCode()).isEqualTo(200);
            HttpResponse<String> ready = get(client, base + "/health/ready", null);
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(new JsonObject(ready.body()).getJsonObject("checks").getMap())
                    .containsEntry("database", "up")
                    .containsEntry("storage", "up");
            assertThat(get(client, base + "/metrics", null).statusCode()).isEqualTo(401);
            HttpResponse<String> metrics = get(client, base + "/metrics", "scraper-secret");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("lectern_jobs_running");
            assertThat(get(client, base + "/api/v1/lectures", null).statusCode()).isEqualTo(404);
        }
    }

    private static HttpResponse<String> get(HttpClient client, String url, String bearer)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
