package dev.lectern.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Live lecture status events")
class StatusEventsTest {
    private static RunningLectern app;

    @BeforeAll
    static void start() {
        app = new RunningLectern();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    @DisplayName(
            "a teacher's stream reports the current status, then transcode progress as the job row changes")
    void streamsChanges() throws Exception {
        String admin = app.adminToken("root");
        String teacher = app.token("tina");
        String course = app.createCourse(admin, "EV1", "Events");
        app.addMember(admin, course, "tina", "teacher");
        app.addMember(admin, course, "sam", "student");
        UUID lecture =
                UUID.fromString(
                        app.call(
                                        "POST",
                                        "/api/v1/courses/" + course + "/lectures",
                                        teacher,
                                        new JsonObject().put("title", "Live"),
                                        201)
                                .getString("id"));
        app.call("GET", "/api/v1/courses/" + course + "/events", app.token("sam"), null, 403);

        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<Stream<String>> response =
                client.sendAsync(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        app.http.baseUrl()
                                                                + "/api/v1/courses/"
                                                                + course
                                                                + "/events"))
                                        .header("Authorization", "Bearer " + teacher)
                                        .build(),
                                HttpResponse.BodyHandlers.ofLines())
                        .get(10, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        assertTrue(
                response.headers()
                        .firstValue("Content-Type")
                        .orElse("")
                        .startsWith("text/event-stream"));
        Iterator<String> lines = response.body().iterator();
        JsonObject first = nextEvent(lines);
        assertEquals("awaiting_upload", first.getString("status"));

        app.sql(
                "UPDATE lectures SET status = 'processing', updated_at = now() WHERE id = $1",
                lecture);
        app.sql(
                "INSERT INTO jobs (kind, lecture_id, status, lease_owner, lease_expires_at, progress)"
                        + " VALUES ('transcode', $1, 'running', 'worker-1', now() + interval '1 minute', '{\"percent\": 42}')",
                lecture);
        JsonObject progress = nextEvent(lines);
        while (progress.getValue("progress") == null) {
            progress = nextEvent(lines);
        }
        assertEquals("processing", progress.getString("status"));
        assertEquals(42, progress.getJsonObject("progress").getInteger("percent"));
        response.body().close();
    }

    private static JsonObject nextEvent(Iterator<String> lines) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline && lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("data: ")) {
                return new JsonObject(line.substring(6));
            }
        }
        throw new AssertionError("no event within 10 s");
    }
}
