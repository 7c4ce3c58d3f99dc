package dev.lectern.ingest.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.lectern.infra.config.IngestConfig;
import dev.lectern.ingest.IngestProblem;
import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
        "source validation: a corpus of bad inputs, each with its code and no leaked file content")
class SourceValidatorTest {
    private final Path dir = TestDirs.create("validator");
    private final SourceValidator validator =
            new SourceValidator(
                    TestMedia.tools(),
                    new IngestConfig(
                            1024L * 1024 * 1024,
                            Duration.ofDays(1),
                            Duration.ofMinutes(5),
                            List.of(),
                            Duration.ofHours(8),
                            8192));

    private IngestProblem rejected(Path file) throws Exception {
        Verdict verdict = validator.validate(file);
        var rejection = assertInstanceOf(Verdict.Rejected.class, verdict);
        assertFalse(rejection.message().contains("root:"), rejection.message());
        return rejection.code();
    }

    @Test
    @DisplayName("a short real video is accepted with its duration and streams")
    void realVideo() throws Exception {
        Path video = TestMedia.videoWithTone(dir, "ok.mp4", 320, 180, 25, 2);
        var accepted = assertInstanceOf(Verdict.Accepted.class, validator.validate(video));
        assertEquals(2.0, accepted.durationSeconds(), 0.2);
        assertEquals(2, accepted.facts().getJsonArray("streams").size());
    }

    @Test
    @DisplayName("an empty file is EMPTY_FILE")
    void empty() throws Exception {
        assertEquals(
                IngestProblem.EMPTY_FILE, rejected(Files.write(dir.resolve("e.mp4"), new byte[0])));
    }

    @Test
    @DisplayName("text renamed .mp4 is NOT_MEDIA")
    void text() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.mp4"), "Lecture notes\n".repeat(200));
        assertEquals(IngestProblem.NOT_MEDIA, rejected(file));
    }

    @Test
    @DisplayName("an MP4 cut before its moov atom is CORRUPT_MEDIA")
    void truncated() throws Exception {
        Path video = TestMedia.videoWithTone(dir, "whole.mp4", 320, 180, 25, 2);
        byte[] bytes = Files.readAllBytes(video);
        // Without +faststart the moov atom is at the end: keep the first half only.
        Path cut = Files.write(dir.resolve("cut.mp4"), Arrays.copyOf(bytes, bytes.length / 2));
        assertEquals(IngestProblem.CORRUPT_MEDIA, rejected(cut));
    }

    @Test
    @DisplayName(
            "an HLS playlist pointing at /etc/passwd is NOT_MEDIA and nothing of the file leaks")
    void playlist() throws Exception {
        Path file =
                Files.writeString(
                        dir.resolve("evil.mp4"),
                        "#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:10.0,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n");
        assertEquals(IngestProblem.NOT_MEDIA, rejected(file));
    }

    @Test
    @DisplayName("a video larger than the dimension limit is DIMENSIONS_TOO_LARGE")
    void dimensions() throws Exception {
        SourceValidator strict =
                new SourceValidator(
                        TestMedia.tools(),
                        new IngestConfig(
                                1024L * 1024 * 1024,
                                Duration.ofDays(1),
                                Duration.ofMinutes(5),
                                List.of(),
                                Duration.ofHours(8),
                                200));
        Path video = TestMedia.videoWithTone(dir, "wide.mp4", 320, 180, 25, 1);
        var verdict = assertInstanceOf(Verdict.Rejected.class, strict.validate(video));
        assertEquals(IngestProblem.DIMENSIONS_TOO_LARGE, verdict.code());
    }
}
