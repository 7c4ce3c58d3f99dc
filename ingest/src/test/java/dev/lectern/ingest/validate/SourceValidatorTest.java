package dev.lectern.ingest.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.ingest.IngestConfig;
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
        assertEquals(2, accepted.summary().streams().size());
    }

    @Test
    @DisplayName(
            "a fragmented MP4 as Safari's MediaRecorder writes it (empty moov, one fragment per keyframe) is accepted with its length")
    void safariFragmentedMp4() throws Exception {
        Path fragmented = TestMedia.safariRecording(dir, "safari.mp4", 12);
        var accepted = assertInstanceOf(Verdict.Accepted.class, validator.validate(fragmented));
        assertEquals(12.0, accepted.durationSeconds(), 0.5);
        assertEquals(2, accepted.summary().streams().size());
    }

    @Test
    @DisplayName(
            "a recording that states no length (written live, as MediaRecorder does) is measured from its packets, also through the sample's hole")
    void liveRecordingWithoutDuration() throws Exception {
        Path live = dir.resolve("live.mkv");
        // Noise in MJPEG makes 40 s large enough (about 55 MB) for the sample to have a hole.
        TestMedia.ffmpeg(
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        "nullsrc=s=320x240:r=25,geq=random(1)*255:128:128",
                        "-f",
                        "lavfi",
                        "-i",
                        "sine=f=440",
                        "-t",
                        "40",
                        "-c:v",
                        "mjpeg",
                        "-q:v",
                        "2",
                        "-c:a",
                        "libopus",
                        "-f",
                        "matroska",
                        "-live",
                        "1",
                        live.toString()));
        long size = Files.size(live);
        assertTrue(size > 2 * ProbeSample.WINDOW + 1024 * 1024, "size " + size);
        // What ProbeSample leaves on disk: both windows, a hole of zeros between them.
        Path sample = dir.resolve("live-sample.mkv");
        try (var in = java.nio.channels.FileChannel.open(live);
                var out =
                        java.nio.channels.FileChannel.open(
                                sample,
                                java.nio.file.StandardOpenOption.CREATE,
                                java.nio.file.StandardOpenOption.WRITE)) {
            in.transferTo(0, ProbeSample.WINDOW, out);
            out.position(size - ProbeSample.WINDOW);
            in.transferTo(size - ProbeSample.WINDOW, ProbeSample.WINDOW, out);
        }
        assertEquals(size, Files.size(sample));

        var whole = assertInstanceOf(Verdict.Accepted.class, validator.validate(live));
        assertEquals(40.0, whole.durationSeconds(), 0.5);
        var sampled = assertInstanceOf(Verdict.Accepted.class, validator.validate(sample));
        assertEquals(40.0, sampled.durationSeconds(), 0.5);
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

    @Test
    @DisplayName(
            "an AVI whose GAB2 subtitle carries an HLS playlist naming /etc/passwd is rejected and leaks nothing")
    void hlsInsideAvi() throws Exception {
        Path file =
                Files.write(dir.resolve("evil.avi"), HostileAvi.gab2Playlist("file:///etc/passwd"));
        IngestProblem code = rejected(file);
        assertTrue(
                code == IngestProblem.NO_PLAYABLE_STREAM || code == IngestProblem.NOT_MEDIA,
                code.name());
    }

    @Test
    @DisplayName("a stream header claiming 20000x20000 pixels is DIMENSIONS_TOO_LARGE")
    void absurdDimensions() throws Exception {
        Path file =
                Files.write(dir.resolve("huge.avi"), HostileAvi.claimedDimensions(20000, 20000));
        assertEquals(IngestProblem.DIMENSIONS_TOO_LARGE, rejected(file));
        Path wide = Files.write(dir.resolve("wide.avi"), HostileAvi.claimedDimensions(12000, 4000));
        assertEquals(IngestProblem.DIMENSIONS_TOO_LARGE, rejected(wide));
    }

    @Test
    @DisplayName("a 10-hour file of ten frames, made in a blink, is DURATION_TOO_LONG")
    void tenHours() throws Exception {
        Path file = dir.resolve("long.mkv");
        TestMedia.ffmpeg(
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        "color=c=gray:s=64x64:r=1/3600",
                        "-t",
                        "36000",
                        "-c:v",
                        "libx264",
                        "-preset",
                        "ultrafast",
                        file.toString()));
        assertEquals(IngestProblem.DURATION_TOO_LONG, rejected(file));
    }

    @Test
    @DisplayName("a file over the size limit is TOO_LARGE without being read")
    void tooLarge() throws Exception {
        SourceValidator small =
                new SourceValidator(
                        TestMedia.tools(),
                        new IngestConfig(
                                1024 * 1024,
                                Duration.ofDays(1),
                                Duration.ofMinutes(5),
                                List.of(),
                                Duration.ofHours(8),
                                8192));
        Path file = dir.resolve("big.mp4");
        try (var sparse = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(2 * 1024 * 1024);
        }
        var verdict = assertInstanceOf(Verdict.Rejected.class, small.validate(file));
        assertEquals(IngestProblem.TOO_LARGE, verdict.code());
    }
}
