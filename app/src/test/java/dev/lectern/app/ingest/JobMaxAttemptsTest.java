package dev.lectern.app.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lectern.app.Lectern;
import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestMedia;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Transcode jobs are enqueued by the lecture lifecycle, not the worker, so they must be given
 * LECTERN_JOB_MAX_ATTEMPTS there too rather than the jobs table's column default.
 */
@DisplayName("LECTERN_JOB_MAX_ATTEMPTS reaches transcode jobs")
class JobMaxAttemptsTest {
    static IngestFixture fixture;
    static Lectern lectern;
    static TusClient teacher;
    static UUID course;

    @BeforeAll
    static void start() {
        fixture = new IngestFixture();
        lectern = fixture.start(java.util.Map.of("LECTERN_JOB_MAX_ATTEMPTS", "5"));
        course = fixture.course(lectern, "TRIES1");
        fixture.member(lectern, course, "tina", "teacher");
        teacher = new TusClient(lectern.baseUrl(), fixture.token(lectern, "tina"));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    /** The max_attempts of each of the lecture's transcode jobs, oldest first, comma-separated. */
    String transcodeAttempts(UUID lecture) {
        return fixture.one(
                        lectern,
                        "SELECT string_agg(max_attempts::text, ',' ORDER BY id) FROM jobs"
                                + " WHERE lecture_id = $1 AND kind = 'transcode'",
                        lecture)
                .getString(0);
    }

    String awaitReady(UUID lecture) throws InterruptedException {
        String status = "";
        for (int i = 0; i < 600 && !status.equals("ready") && !status.equals("failed"); i++) {
            Thread.sleep(100);
            status =
                    fixture.one(lectern, "SELECT status FROM lectures WHERE id = $1", lecture)
                            .getString(0);
        }
        return status;
    }

    @Test
    @DisplayName("an accepted upload and a reprocess both enqueue transcodes with 5 attempts")
    void uploadAndReprocess() throws Exception {
        byte[] video =
                Files.readAllBytes(
                        TestMedia.videoWithTone(
                                TestDirs.create("attempts"), "talk.mp4", 320, 180, 25, 2));
        UUID lecture = fixture.lecture(lectern, course);
        String url = teacher.location(teacher.create(lecture, video.length));
        assertEquals(204, teacher.patch(url, 0, video, 0, video.length).statusCode());
        IngestFixture.awaitJudged(fixture, lectern, lecture);
        assertEquals("5", transcodeAttempts(lecture));

        // Reprocessing needs the first run finished; the in-process worker does it.
        assertEquals("ready", awaitReady(lecture));
        var reprocess =
                teacher.send(
                        teacher.request("/api/v1/lectures/" + lecture + "/reprocess")
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build());
        assertEquals(202, reprocess.statusCode(), reprocess.body());
        assertEquals("5,5", transcodeAttempts(lecture));
        assertEquals("ready", awaitReady(lecture));
    }
}
