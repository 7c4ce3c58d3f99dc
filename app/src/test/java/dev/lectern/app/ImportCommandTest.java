package dev.lectern.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestMedia;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

@DisplayName("lectern import")
class ImportCommandTest {
    static RunningLectern service;
    static String course;
    static String teacher;
    static Path clip;

    @BeforeAll
    static void start() {
        // The API process judges a finished tus upload; no worker job is needed to reach queued.
        service = new RunningLectern(Map.of(), (modules, main, background) -> {});
        String admin = service.adminToken("ada");
        course = service.createCourse(admin, "CLI101", "Command line");
        service.addMember(admin, course, "tom", "teacher");
        teacher = service.token("tom");
        clip =
                TestMedia.videoWithTone(
                        TestDirs.create("import-cli"), "lecture.mp4", 320, 180, 25, 3);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    /** Runs the subcommand as picocli would, with the given environment; returns exit code and output. */
    static Map.Entry<Integer, String> run(Map<String, String> env, int chunkBytes, String... args) {
        ImportCommand command = new ImportCommand();
        command.environment = env;
        command.chunkBytes = chunkBytes;
        command.retryDelay = Duration.ofMillis(50);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        command.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit =
                new CommandLine(command)
                        .setErr(new java.io.PrintWriter(command.out, true))
                        .execute(args);
        return Map.entry(exit, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName(
            "uploads a file as a new lecture with the token from LECTERN_TOKEN, resuming after a"
                    + " PATCH whose answer was lost, and prints progress, the id and the playback URL")
    void uploadsAndResumes() throws Exception {
        try (FlakyProxy proxy = new FlakyProxy(service.lectern.port(), 2)) {
            long size = Files.size(clip);
            int chunk = (int) (size / 4 + 1);
            var result =
                    run(
                            Map.of("LECTERN_TOKEN", teacher),
                            chunk,
                            clip.toString(),
                            "--course",
                            course,
                            "--title",
                            "From the command line",
                            "--server",
                            proxy.url());
            String out = result.getValue();
            assertEquals(0, result.getKey(), out);
            assertTrue(out.contains("100.0%"), out);
            assertTrue(out.matches("(?s).*MB/s.*"), out);
            assertTrue(out.contains("retry 1 of"), out);
            assertTrue(proxy.methods.contains("HEAD"), "resumed by asking the offset");
            Matcher id = Pattern.compile("(?m)^lecture ([0-9a-f-]{36})$").matcher(out);
            assertTrue(id.find(), out);
            UUID lecture = UUID.fromString(id.group(1));
            assertTrue(
                    out.contains(proxy.url() + "/api/v1/lectures/" + lecture + "/playback"), out);
            assertEquals("queued", service.awaitStatusLeaves(lecture, "uploading"));
            var row =
                    service.sql(
                                    "SELECT status, title, source_size FROM lectures WHERE id = $1",
                                    lecture)
                            .iterator()
                            .next();
            assertEquals("From the command line", row.getString("title"));
            assertEquals(size, row.getLong("source_size"));
        }
    }

    @Test
    @DisplayName("without a token, or with a course the caller does not teach, it fails clearly")
    void failsClearly() {
        var noToken =
                run(
                        Map.of(),
                        TusUploader.CHUNK_BYTES,
                        clip.toString(),
                        "--course",
                        course,
                        "--title",
                        "x");
        assertEquals(2, noToken.getKey());
        assertTrue(noToken.getValue().contains("LECTERN_TOKEN"), noToken.getValue());
        var outsider =
                run(
                        Map.of(),
                        TusUploader.CHUNK_BYTES,
                        clip.toString(),
                        "--course",
                        UUID.randomUUID().toString(),
                        "--title",
                        "x",
                        "--token",
                        teacher,
                        "--server",
                        URI.create(service.lectern.baseUrl()).toString());
        assertEquals(1, outsider.getKey());
        assertTrue(
                outsider.getValue().contains("creating the lecture failed (404)"),
                outsider.getValue());
    }
}
