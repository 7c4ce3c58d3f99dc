package dev.lectern.ingest.tus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lectern.infra.db.Database;
import dev.lectern.infra.storage.MultipartStore.OpenUpload;
import dev.lectern.infra.storage.S3ObjectStore;
import dev.lectern.testkit.TestDatabase;
import dev.lectern.testkit.TestStorage;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Multipart uploads nobody owns are aborted; owned ones are kept")
class UnownedMultipartSweepTest {
    static Vertx vertx;
    static Pool pool;
    static S3ObjectStore store;
    static UploadStore uploads;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        pool = Database.connect(vertx, TestDatabase.freshDatabase()).await();
        store = S3ObjectStore.connect(vertx, TestStorage.freshBucket()).await();
        uploads = new UploadStore(pool);
    }

    @AfterAll
    static void stop() {
        store.close();
        vertx.close().await();
    }

    @Test
    @DisplayName(
            "an unowned source upload goes after an hour, a receiving upload's and an import's stay, anything else goes after a day")
    void sweep() {
        UUID course =
                pool.preparedQuery(
                                "INSERT INTO courses (code, title) VALUES ($1, 'c') RETURNING id")
                        .execute(Tuple.of("C-" + UUID.randomUUID()))
                        .await()
                        .iterator()
                        .next()
                        .getUUID(0);
        String receiving = sourceUpload(course, "uploading");
        String imported = sourceUpload(course, "uploading");
        pool.preparedQuery(
                        "INSERT INTO jobs (kind, status, progress) VALUES ('import', 'queued', $1)")
                .execute(
                        Tuple.of(
                                new JsonObject()
                                        .put(
                                                "resume",
                                                new JsonObject()
                                                        .put("uploadId", imported)
                                                        .put("validator", "etag"))))
                .await();
        String orphan = sourceUpload(course, "ready");
        String download =
                store.startMultipart(
                                "lectures/" + UUID.randomUUID() + "/v1/download/x.mp4", "video/mp4")
                        .await();
        String receivingKey = keyOf(receiving);
        uploads.create(
                        UUID.fromString(receivingKey.split("/")[1]),
                        receivingKey,
                        receiving,
                        receivingKey + ".tail",
                        store.partSize(),
                        100L,
                        "talk.mp4",
                        "video/mp4",
                        "",
                        Duration.ofHours(1),
                        "tina")
                .await();
        UnownedMultipartSweep sweep = new UnownedMultipartSweep(store, uploads);
        Instant now = Instant.now();

        assertEquals(0, sweep.sweep(now).await(), "nothing is young and unowned long enough");
        assertEquals(1, sweep.sweep(now.plus(Duration.ofHours(2))).await());
        assertEquals(Set.of(receiving, imported, download), open());
        assertEquals(1, sweep.sweep(now.plus(Duration.ofDays(2))).await());
        assertEquals(Set.of(receiving, imported), open(), orphan + " and the download are gone");
    }

    /** Starts a multipart upload of a new lecture's source; returns its id. */
    private static String sourceUpload(UUID course, String status) {
        UUID lecture =
                pool.preparedQuery(
                                "INSERT INTO lectures (course_id, title, status) VALUES ($1, 'l', $2) RETURNING id")
                        .execute(Tuple.of(course, status))
                        .await()
                        .iterator()
                        .next()
                        .getUUID(0);
        return store.startMultipart("lectures/" + lecture + "/source/original", "video/mp4")
                .await();
    }

    private static String keyOf(String uploadId) {
        return store.openUploads("lectures/").await().stream()
                .filter(u -> u.uploadId().equals(uploadId))
                .findFirst()
                .orElseThrow()
                .key();
    }

    private static Set<String> open() {
        return store.openUploads("lectures/").await().stream()
                .map(OpenUpload::uploadId)
                .collect(Collectors.toSet());
    }
}
