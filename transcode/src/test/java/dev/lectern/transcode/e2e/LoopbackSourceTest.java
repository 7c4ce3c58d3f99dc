package dev.lectern.transcode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lectern.catalog.RenditionSet;
import dev.lectern.infra.media.MediaProbe;
import dev.lectern.infra.media.MediaTools;
import dev.lectern.infra.media.ObjectOverLoopback;
import dev.lectern.infra.media.SourceFacts;
import dev.lectern.infra.media.SourceFacts.DurationSource;
import dev.lectern.infra.storage.S3ObjectStore;
import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestMedia;
import dev.lectern.testkit.TestStorage;
import dev.lectern.transcode.ProgressListener;
import dev.lectern.transcode.TranscodeResult;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The worker's way of reading a source: straight from S3 through {@link ObjectOverLoopback},
 * with ranged reads, for the files phones, OBS and browsers write.
 */
@DisplayName("A source read from S3 over loopback")
class LoopbackSourceTest {
    static Vertx vertx;
    static S3ObjectStore store;
    static Path dir;

    @BeforeAll
    static void connect() {
        vertx = Vertx.vertx();
        store = S3ObjectStore.connect(vertx, TestStorage.freshBucket()).await();
        dir = TestDirs.create("loopback-source");
    }

    @AfterAll
    static void close() throws Exception {
        store.close();
        vertx.close().await();
    }

    static ObjectOverLoopback stored(Path file) {
        String key = "sources/" + file.getFileName();
        store.put(key, file, "application/octet-stream").await();
        return ObjectOverLoopback.open(vertx, store, key).await().orElseThrow();
    }

    @Test
    @DisplayName(
            "an MP4 with its moov at the end is probed, analysed and transcoded, reading it about once")
    void moovAtTheEnd() throws Exception {
        Path source = dir.resolve("phone.mp4");
        // Lossless noise: a source of about 80 MB, large next to what one read runs ahead.
        TestMedia.ffmpeg(
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        "testsrc2=size=320x180:rate=10",
                        "-f",
                        "lavfi",
                        "-i",
                        "sine=sample_rate=48000",
                        "-t",
                        "96",
                        "-vf",
                        "noise=alls=30:allf=t",
                        "-c:v",
                        "libx264",
                        "-preset",
                        "ultrafast",
                        "-qp",
                        "0",
                        "-pix_fmt",
                        "yuv420p",
                        "-c:a",
                        "aac",
                        "-shortest",
                        source.toString()));
        assertThat(topLevelBoxes(source)).last().isEqualTo("moov");
        long size = Files.size(source);
        ObjectOverLoopback served = stored(source);
        try {
            TranscodeResult result =
                    Transcodes.run(served, dir.resolve("work-mp4"), ProgressListener.NONE);
            RenditionSet set = result.renditions();
            assertThat(set.durationSeconds()).isCloseTo(96, within(0.5));
            OutputChecks.videoRenditions(result.outputDir(), set);
            OutputChecks.audioRenditions(result.outputDir(), set);
            // The ladder reads it whole once, the analysis four 8-second samples (half of it),
            // the probe its head and its moov.
            assertThat(served.bytesSent()).isBetween(size, size * 17 / 10);
        } finally {
            served.close().await();
        }
    }

    @Test
    @DisplayName(
            "a WebM written to a pipe (no Cues, no duration) has its length measured and is transcoded")
    void webmWithoutCues() throws Exception {
        Path webm = dir.resolve("browser.webm");
        List<String> command = new ArrayList<>(TestMedia.tools().ffmpegCommand());
        command.addAll(
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        "testsrc2=size=320x180:rate=30",
                        "-f",
                        "lavfi",
                        "-i",
                        "sine=sample_rate=48000",
                        "-t",
                        "5",
                        "-c:v",
                        "libvpx",
                        "-deadline",
                        "realtime",
                        "-c:a",
                        "libopus",
                        "-live",
                        "1",
                        "-f",
                        "webm",
                        "pipe:1"));
        // Through a real pipe and as a live stream, the way MediaRecorder writes it: the muxer
        // cannot go back to write an index, and declares no duration up front.
        Process writer = MediaTools.processBuilder(command).start();
        try (var out = Files.newOutputStream(webm)) {
            writer.getInputStream().transferTo(out);
        }
        assertThat(writer.waitFor()).isZero();
        ObjectOverLoopback served = stored(webm);
        try {
            SourceFacts facts = new MediaProbe(TestMedia.tools()).probe(served);
            assertThat(facts.durationSource()).isNotEqualTo(DurationSource.HEADER);
            assertThat(facts.durationSeconds()).isCloseTo(5, within(0.2));
            TranscodeResult result =
                    Transcodes.run(served, dir.resolve("work-webm"), ProgressListener.NONE);
            assertThat(result.renditions().durationSeconds()).isCloseTo(5, within(0.5));
            OutputChecks.videoRenditions(result.outputDir(), result.renditions());
        } finally {
            served.close().await();
        }
    }

    /** The types of a file's top-level ISO boxes, in order. */
    static List<String> topLevelBoxes(Path file) throws IOException {
        List<String> types = new ArrayList<>();
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long at = 0;
            while (at + 8 <= in.length()) {
                in.seek(at);
                long size = in.readInt() & 0xFFFFFFFFL;
                byte[] type = new byte[4];
                in.readFully(type);
                types.add(new String(type, StandardCharsets.US_ASCII));
                if (size == 1) {
                    size = in.readLong();
                } else if (size == 0) {
                    size = in.length() - at;
                }
                at += size;
            }
        }
        return types;
    }
}
