package dev.lectern.infra.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.infra.config.StorageConfig;
import dev.lectern.infra.storage.S3ObjectStore;
import dev.lectern.testkit.FaultProxy;
import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestMedia;
import dev.lectern.testkit.TestStorage;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A stored object served over loopback while S3 drops out")
class ObjectOverLoopbackOutageTest {

    @Test
    @DisplayName(
            "ffmpeg's read cut off by an S3 outage resumes at its offset and gets every packet")
    void resumesAfterOutage() throws Exception {
        Vertx vertx = Vertx.vertx();
        StorageConfig direct = TestStorage.freshBucket();
        FaultProxy proxy = new FaultProxy(direct.endpoint().getHost(), direct.endpoint().getPort());
        S3ObjectStore store =
                S3ObjectStore.connect(
                                vertx,
                                direct.at(
                                        URI.create("http://127.0.0.1:" + proxy.port()),
                                        direct.accessKey(),
                                        direct.secretKey()))
                        .await();
        Path dir = TestDirs.create("loopback-outage");
        Path talk = TestMedia.videoWithTone(dir, "talk.mp4", 640, 360, 25, 20);
        store.put("sources/talk.mp4", talk, "video/mp4").await();
        ObjectOverLoopback served =
                ObjectOverLoopback.open(vertx, store, "sources/talk.mp4").await().orElseThrow();
        try {
            // Slow enough that the outage falls in the middle of the read: once the headers
            // have been read, while the media is.
            proxy.latency(40);
            CompletableFuture<ProcessResult> read =
                    CompletableFuture.supplyAsync(() -> frameChecksums(served.args(), "warning"));
            for (int i = 0; i < 200 && served.bytesSent() == 0; i++) {
                Thread.sleep(20);
            }
            Thread.sleep(200);
            proxy.down();
            Thread.sleep(600);
            proxy.pass();
            proxy.latency(0);
            ProcessResult resumed = read.get();
            assertThat(resumed.exitCode()).as(resumed.stderrTail()).isZero();
            assertThat(resumed.stderrTail()).containsPattern("Will reconnect at [1-9]");
            ProcessResult local = frameChecksums(MediaInput.file(talk).args(), "error");
            assertThat(resumed.stdout()).isEqualTo(local.stdout()).contains("0,");
        } finally {
            served.close().await();
            store.close();
            proxy.close();
            vertx.close().await();
        }
    }

    /** A checksum of every packet of every stream, as ffmpeg demuxed them. */
    private static ProcessResult frameChecksums(List<String> input, String logLevel) {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                TestMedia.tools().ffmpeg().toString(),
                                "-hide_banner",
                                "-nostdin",
                                "-loglevel",
                                logLevel));
        command.addAll(input);
        command.addAll(List.of("-map", "0", "-c", "copy", "-f", "framemd5", "-"));
        return ProcessRunner.run(
                MediaTools.processBuilder(command), Duration.ofSeconds(60), 4 << 20);
    }
}
