package dev.lectern.transcode.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.infra.storage.ObjectStore.ObjectInfo;
import dev.lectern.infra.storage.S3ObjectStore;
import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestStorage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Uploading segments while the encode runs")
class SegmentShipperTest {
    private static Vertx vertx;
    private static S3ObjectStore store;

    @BeforeAll
    static void connect() {
        vertx = Vertx.vertx();
        store = S3ObjectStore.connect(vertx, TestStorage.freshBucket()).await();
    }

    @AfterAll
    static void close() {
        store.close();
        vertx.close().await();
    }

    private static List<String> keys(String prefix) {
        return store.list(prefix).await().stream().map(ObjectInfo::key).toList();
    }

    @Test
    @DisplayName(
            "a finished segment and its rendition's header are in the store before the encode ends; .tmp files and playlists wait; each batch is followed by the after-batch step; the tree upload skips what is stored")
    void shipsFinishedSegmentsEarly() throws Exception {
        Path out = TestDirs.create("shipper");
        Path rung = Files.createDirectories(out.resolve("360p"));
        List<Map<String, Long>> batches = new CopyOnWriteArrayList<>();
        var shipper =
                new SegmentShipper(
                        vertx,
                        store,
                        out,
                        "lectures/x/v1/",
                        stored -> {
                            batches.add(stored);
                            return Future.succeededFuture();
                        });
        shipper.start();

        Files.write(rung.resolve("init_0.mp4"), new byte[] {9, 9});
        Files.write(rung.resolve("seg_00000.m4s"), new byte[] {1, 2, 3});
        Files.write(rung.resolve("seg_00001.m4s.tmp"), new byte[] {4});
        Files.writeString(rung.resolve("index.m3u8"), "#EXTM3U\n");
        long deadline = System.currentTimeMillis() + 10_000;
        while (!keys("lectures/x/").contains("lectures/x/v1/360p/seg_00000.m4s")
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(keys("lectures/x/"))
                .containsExactlyInAnyOrder(
                        "lectures/x/v1/360p/init_0.mp4", "lectures/x/v1/360p/seg_00000.m4s");
        while (batches.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(batches.getFirst()).containsOnlyKeys("360p/init_0.mp4", "360p/seg_00000.m4s");

        Files.move(rung.resolve("seg_00001.m4s.tmp"), rung.resolve("seg_00001.m4s"));
        Map<String, Long> shipped = shipper.finish().await();
        assertThat(shipped).containsEntry("360p/seg_00000.m4s", 3L);

        new TreeUpload(vertx, store).upload(out, "lectures/x/v1/", shipped).await();
        assertThat(keys("lectures/x/"))
                .containsExactlyInAnyOrder(
                        "lectures/x/v1/360p/init_0.mp4",
                        "lectures/x/v1/360p/seg_00000.m4s",
                        "lectures/x/v1/360p/seg_00001.m4s",
                        "lectures/x/v1/360p/index.m3u8");
        assertThat(store.head("lectures/x/v1/360p/seg_00001.m4s").await().orElseThrow().size())
                .isEqualTo(1);
    }
}
