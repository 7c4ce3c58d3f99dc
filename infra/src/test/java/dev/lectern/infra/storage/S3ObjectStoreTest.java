package dev.lectern.infra.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.infra.config.ConfigException;
import dev.lectern.infra.config.StorageConfig;
import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestStorage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("S3 object store against a real S3 protocol server")
class S3ObjectStoreTest {
    static final int MIB = 1024 * 1024;
    static Vertx vertx;
    static S3ObjectStore store;
    static Path dir;

    @BeforeAll
    static void connect() throws Exception {
        vertx = Vertx.vertx();
        store = S3ObjectStore.connect(vertx, TestStorage.freshBucket()).await();
        dir = TestDirs.create("store");
    }

    @AfterAll
    static void close() throws Exception {
        store.close();
        vertx.close().await();
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Reads an object through the streaming API into memory (the test's objects are small). */
    static byte[] read(String key, ByteRange range) throws Exception {
        var object = store.get(key, range).await().orElseThrow();
        Buffer all = Buffer.buffer();
        var done = new java.util.concurrent.CompletableFuture<Void>();
        object.body().handler(all::appendBuffer);
        object.body().exceptionHandler(done::completeExceptionally);
        object.body().endHandler(v -> done.complete(null));
        object.body().resume();
        done.get();
        return all.getBytes();
    }

    @Test
    @DisplayName("a small buffer round-trips byte for byte with its content type")
    void smallPut() throws Exception {
        byte[] bytes = "#EXTM3U\n".getBytes();
        store.put("a/playlist.m3u8", Buffer.buffer(bytes), "application/vnd.apple.mpegurl").await();
        assertThat(read("a/playlist.m3u8", ByteRange.ALL)).isEqualTo(bytes);
        var info = store.head("a/playlist.m3u8").await().orElseThrow();
        assertThat(info.size()).isEqualTo(bytes.length);
        assertThat(info.contentType()).isEqualTo("application/vnd.apple.mpegurl");
    }

    @Test
    @DisplayName("a file larger than a part goes up as a multipart upload and comes back identical")
    void multipartFile() throws Exception {
        byte[] bytes = randomBytes(12 * MIB + 123, 1);
        Path file = dir.resolve("big.bin");
        Files.write(file, bytes);
        store.put("big/file.bin", file, "application/octet-stream").await();
        assertThat(store.head("big/file.bin").await().orElseThrow().size()).isEqualTo(bytes.length);
        assertThat(sha256(read("big/file.bin", ByteRange.ALL))).isEqualTo(sha256(bytes));
        assertThat(store.head("big/file.bin").await().orElseThrow().etag())
                .as("a multipart ETag names its part count: three 5 MiB parts")
                .endsWith("-3\"");
    }

    @Test
    @DisplayName(
            "a stream of unknown length is stored part by part, counted exactly, and its part memory returned")
    void streamPut() throws Exception {
        byte[] bytes = randomBytes(9 * MIB + 7, 2);
        Path file = dir.resolve("stream.bin");
        Files.write(file, bytes);
        var source =
                vertx.fileSystem().open(file.toString(), new OpenOptions().setRead(true)).await();
        long stored = store.put("stream/file.bin", source, "video/mp4").await();
        assertThat(stored).isEqualTo(bytes.length);
        assertThat(sha256(read("stream/file.bin", ByteRange.ALL))).isEqualTo(sha256(bytes));

        var tiny =
                vertx.fileSystem()
                        .open(writeTemp("tiny", new byte[] {1, 2, 3}).toString(), new OpenOptions())
                        .await();
        assertThat(store.put("stream/tiny.bin", tiny, "application/octet-stream").await())
                .isEqualTo(3);
        assertThat(read("stream/tiny.bin", ByteRange.ALL)).containsExactly(1, 2, 3);
        // Stored parts gave their blocks back, and so did the last one being filled.
        assertThat(store.partMemory().inUse()).isZero();
        assertThat(store.partMemory().idle()).isGreaterThan(0);
    }

    private static Path writeTemp(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    @DisplayName("ranged reads return exactly the requested bytes and the object's full size")
    void ranges() throws Exception {
        byte[] bytes = randomBytes(100_000, 3);
        store.put("range/obj", Buffer.buffer(bytes), "application/octet-stream").await();
        assertThat(read("range/obj", ByteRange.of(10, 19)))
                .isEqualTo(Arrays.copyOfRange(bytes, 10, 20));
        assertThat(read("range/obj", ByteRange.from(99_990)))
                .isEqualTo(Arrays.copyOfRange(bytes, 99_990, 100_000));
        assertThat(read("range/obj", ByteRange.lastBytes(5)))
                .isEqualTo(Arrays.copyOfRange(bytes, 99_995, 100_000));
        var object = store.get("range/obj", ByteRange.of(500, 999)).await().orElseThrow();
        assertThat(object.info().size()).isEqualTo(100_000);
        assertThat(object.range().contentRange()).isEqualTo("bytes 500-999/100000");
        object.body().handler(null);
    }

    @Test
    @DisplayName("missing objects are empty results, not errors")
    void missing() throws Exception {
        assertThat(store.get("nope/none", ByteRange.ALL).await()).isEmpty();
        assertThat(store.head("nope/none").await()).isEmpty();
    }

    @Test
    @DisplayName("listing and deleting by prefix touch only that prefix")
    void listAndDelete() throws Exception {
        for (int i = 0; i < 5; i++) {
            store.put("lectures/one/v1/seg" + i, Buffer.buffer("x" + i), "video/mp4").await();
        }
        store.put("lectures/two/keep", Buffer.buffer("k"), "text/plain").await();
        assertThat(store.list("lectures/one/").await())
                .extracting(ObjectStore.ObjectInfo::key)
                .hasSize(5)
                .allMatch(k -> k.startsWith("lectures/one/v1/seg"));
        assertThat(store.deletePrefix("lectures/one/").await()).isEqualTo(5);
        assertThat(store.list("lectures/one/").await()).isEmpty();
        assertThat(store.list("lectures/two/").await()).hasSize(1);
        store.delete("lectures/two/keep").await();
        assertThat(store.list("lectures/").await()).isEmpty();
        assertThatThrownBy(() -> store.deletePrefix("").await())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a presigned URL lets a plain HTTP client fetch the object, and only that object")
    void presign() throws Exception {
        store.put("signed/poster.jpg", Buffer.buffer("jpeg-bytes"), "image/jpeg").await();
        URI url = store.presignGet("signed/poster.jpg", Duration.ofMinutes(5));
        HttpClient http = HttpClient.newHttpClient();
        var ok =
                http.send(
                        HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("jpeg-bytes");
        URI tampered = URI.create(url.toString().replace("poster.jpg", "other.jpg"));
        assertThat(
                        http.send(
                                        HttpRequest.newBuilder(tampered).build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode())
                .isEqualTo(403);
    }

    @Test
    @DisplayName("wrong credentials and a missing bucket fail with one clear line")
    void badSettings() {
        StorageConfig good = TestStorage.freshBucket();
        StorageConfig wrongKey = good.at(good.endpoint(), good.accessKey(), "wrong-secret");
        assertThatThrownBy(() -> S3ObjectStore.connect(vertx, wrongKey).await())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("refused the credentials");
        StorageConfig noCreate =
                new StorageConfig(
                        StorageConfig.Mode.ENDPOINT,
                        good.endpoint(),
                        good.region(),
                        "absent-bucket",
                        good.accessKey(),
                        good.secretKey(),
                        true,
                        false,
                        good.partSizeBytes(),
                        good.partMemoryBytes(),
                        0);
        assertThatThrownBy(() -> S3ObjectStore.connect(vertx, noCreate).await())
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "bucket 'absent-bucket' does not exist and LECTERN_S3_CREATE_BUCKET is false");
        StorageConfig unreachable = good.at(URI.create("http://127.0.0.1:1"), "a", "b");
        assertThatThrownBy(() -> S3ObjectStore.connect(vertx, unreachable).await())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("is not reachable");
    }

    @Test
    @DisplayName(
            "unfinished multipart uploads of one key are aborted; another key sharing its prefix keeps its own")
    void abortUnfinished() {
        String crashed = store.startMultipart("imports/source", "video/mp4").await();
        store.uploadPart("imports/source", crashed, 1, io.vertx.core.buffer.Buffer.buffer("x"))
                .await();
        String other = store.startMultipart("imports/source2", "video/mp4").await();

        assertThat(store.abortUnfinished("imports/source").await()).isEqualTo(1);
        assertThat(store.abortUnfinished("imports/source").await()).isZero();
        assertThat(store.abortUnfinished("imports/source2").await())
                .as("the other key's upload was still open")
                .isEqualTo(1);
        assertThat(other).isNotEqualTo(crashed);
    }

    @Test
    @DisplayName(
            "deleting a prefix also aborts the multipart uploads under it (a lecture deleted during"
                    + " its upload), and leaves the ones outside")
    void deletePrefixAbortsUploads() {
        String cut = store.startMultipart("lectures/a/source/original", "video/mp4").await();
        store.uploadPart(
                        "lectures/a/source/original",
                        cut,
                        1,
                        io.vertx.core.buffer.Buffer.buffer("x"))
                .await();
        store.startMultipart("lectures/ab/source/original", "video/mp4").await();

        store.deletePrefix("lectures/a/").await();
        assertThat(store.abortUnfinished("lectures/a/source/original").await())
                .as("nothing left open under the deleted prefix")
                .isZero();
        assertThat(store.abortUnfinished("lectures/ab/source/original").await())
                .as("another lecture's upload is left alone")
                .isEqualTo(1);
    }

    @Test
    @DisplayName(
            "an open upload's parts are listed in order with their sizes and ETags; an aborted"
                    + " upload has none")
    void listParts() {
        String key = "imports/listed";
        String upload = store.startMultipart(key, "video/mp4").await();
        var second = store.uploadPart(key, upload, 2, Buffer.buffer("bb")).await();
        var first = store.uploadPart(key, upload, 1, Buffer.buffer("aaa")).await();

        assertThat(store.listParts(key, upload).await())
                .containsExactly(
                        new MultipartStore.StoredPart(1, first.etag(), 3),
                        new MultipartStore.StoredPart(2, second.etag(), 2));
        store.abortMultipart(key, upload).await();
        // An import attempt that finds its upload gone this way starts over.
        // AWS answers NoSuchUpload, s3proxy an empty list: either way nothing to go on from.
        assertThat(
                        store.listParts(key, upload)
                                .recover(gone -> Future.succeededFuture(List.of()))
                                .await())
                .isEmpty();
    }
}
