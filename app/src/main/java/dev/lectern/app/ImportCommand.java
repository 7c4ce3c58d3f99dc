package dev.lectern.app;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lectern import FILE --course C --title T}: creates a lecture through a running Lectern's
 * API and uploads the file with tus, printing progress, then the lecture's id and playback URL.
 */
@Command(
        name = "import",
        description = "Upload a recording to a running Lectern as a new lecture of a course.")
final class ImportCommand implements Callable<Integer> {
    static final String TOKEN_VARIABLE = "LECTERN_TOKEN";

    @Parameters(index = "0", paramLabel = "FILE", description = "The recording to upload.")
    Path file;

    @Option(names = "--course", required = true, description = "Id of the course.")
    UUID course;

    @Option(names = "--title", required = true, description = "Title of the new lecture.")
    String title;

    @Option(
            names = "--server",
            defaultValue = "http://localhost:8080",
            description = "Base URL of the Lectern service (default: ${DEFAULT-VALUE}).")
    URI server;

    @Option(
            names = "--token",
            description = "Bearer token; defaults to the " + TOKEN_VARIABLE + " variable.")
    String token;

    Map<String, String> environment = System.getenv();
    PrintStream out = System.out;
    Duration retryDelay = Duration.ofSeconds(1);
    int chunkBytes = TusUploader.CHUNK_BYTES;

    @Override
    public Integer call() throws InterruptedException {
        String bearer = token != null ? token : environment.get(TOKEN_VARIABLE);
        if (bearer == null || bearer.isBlank()) {
            out.println("lectern import: give --token or set " + TOKEN_VARIABLE);
            return 2;
        }
        if (!Files.isRegularFile(file)) {
            out.println("lectern import: " + file + " is not a readable file");
            return 2;
        }
        String base = server.toString().replaceAll("/+$", "");
        HttpClient http =
                HttpClient.newBuilder()
                        // Plain HTTP/1.1: no h2c upgrade dance on every PATCH.
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10))
                        .build();
        try {
            UUID lecture = createLecture(http, URI.create(base), bearer);
            out.println("lecture " + lecture + " created; uploading " + file.getFileName());
            new TusUploader(http, URI.create(base), bearer, out, retryDelay, chunkBytes)
                    .upload(lecture, file);
            out.println("lecture " + lecture);
            out.println("playback " + base + "/api/v1/lectures/" + lecture + "/playback");
            return 0;
        } catch (IOException | IllegalStateException e) {
            out.println("lectern import: " + e.getMessage());
            return 1;
        }
    }

    private UUID createLecture(HttpClient http, URI base, String bearer)
            throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(
                                        base.resolve("/api/v1/courses/" + course + "/lectures"))
                                .timeout(Duration.ofSeconds(30))
                                .header("Authorization", "Bearer " + bearer)
                                .header("Content-Type", "application/json")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                new JsonObject().put("title", title).encode()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IOException(
                    "creating the lecture failed ("
                            + response.statusCode()
                            + "): "
                            + response.body());
        }
        return UUID.fromString(new JsonObject(response.body()).getString("id"));
    }
}
