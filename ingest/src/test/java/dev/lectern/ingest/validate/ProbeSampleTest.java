package dev.lectern.ingest.validate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.lectern.infra.storage.S3ObjectStore;
import dev.lectern.ingest.IngestConfig;
import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestMedia;
import dev.lectern.testkit.TestStorage;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
        "probe sample: ffprobe judges a stored source from its ends and its moov, not a full copy")
class ProbeSampleTest {
    static Vertx vertx;
    static S3ObjectStore store;
    static Path dir;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        store = S3ObjectStore.connect(vertx, TestStorage.freshBucket()).await();
        dir = TestDirs.create("sample");
    }

    @AfterAll
    static void stop() {
        store.close();
        vertx.close().await();
    }

    @Test
    @DisplayName(
            "an MP4 with its moov at the end is accepted from 4 KiB windows plus the moov; the middle stays a hole")
    void moovAtTheEnd() throws Exception {
        // Without +faststart the moov box is written after the media data.
        Path video = TestMedia.videoWithTone(dir, "talk.mp4", 320, 180, 25, 2);
        byte[] original = Files.readAllBytes(video);
        store.put("src/talk.mp4", video, "video/mp4").await();
        Path sample = dir.resolve("talk-sample.mp4");

        long size = new ProbeSample(vertx, store, 4096).fetch("src/talk.mp4", sample).await();

        byte[] sampled = Files.readAllBytes(sample);
        assertEquals(original.length, size);
        assertEquals(original.length, sampled.length);
        assertArrayEquals(Arrays.copyOf(original, 4096), Arrays.copyOf(sampled, 4096));
        int middle = original.length / 3;
        assertArrayEquals(new byte[64], Arrays.copyOfRange(sampled, middle, middle + 64));
        SourceValidator validator =
                new SourceValidator(
                        TestMedia.tools(),
                        new IngestConfig(
                                1L << 30,
                                Duration.ofDays(1),
                                Duration.ofMinutes(5),
                                List.of(),
                                Duration.ofHours(8),
                                8192));
        var accepted = assertInstanceOf(Verdict.Accepted.class, validator.validate(sample));
        assertEquals(2.0, accepted.durationSeconds(), 0.2);
    }

    @Test
    @DisplayName("overlapping and touching ranges merge into one read each")
    void mergesRanges() {
        List<long[]> merged =
                ProbeSample.merge(
                        List.of(
                                new long[] {90, 100},
                                new long[] {0, 10},
                                new long[] {10, 20},
                                new long[] {50, 95}));
        assertEquals(2, merged.size());
        assertArrayEquals(new long[] {0, 20}, merged.get(0));
        assertArrayEquals(new long[] {50, 100}, merged.get(1));
    }
}
