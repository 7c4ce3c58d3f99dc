package dev.lectern.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.app.ingest.TusClient;
import dev.lectern.catalog.StorageKeys;
import dev.lectern.infra.storage.MultipartStore;
import dev.lectern.infra.storage.ObjectFiles;
import dev.lectern.testkit.TestHttp;
import java.net.URI;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * tus uploads while PostgreSQL or S3 is frozen or down: the client hears 503, never sends again
 * what Lectern stored, and the source ends byte for byte the file.
 */
@DisplayName("Uploads across outages of PostgreSQL and S3")
class UploadOutageTest {
    private static final int MIB = 1024 * 1024;

    private static FaultyLectern faults;

    @BeforeAll
    static void start() {
        faults = new FaultyLectern("uploadoutage");
    }

    @AfterEach
    void heal() {
        faults.heal();
    }

    @AfterAll
    static void stop() {
        faults.close();
    }

    @Test
    @DisplayName(
            "a PATCH during a database freeze hears 503, and the parts it stored count once the database is back")
    void uploadAcrossDatabaseFreeze() throws Exception {
        UUID lecture = faults.app.createLecture(faults.teacher, faults.course, "Uploaded", "draft");
        byte[] file = new byte[16 * MIB + 12345];
        new Random(7).nextBytes(file);
        String upload = createUpload(lecture, file.length);

        assertEquals(204, patch(upload, file, 0, 5 * MIB, null).status());

        faults.database.freeze();
        TestHttp.Response refused = patch(upload, file, 5 * MIB, 5 * MIB, null);
        assertEquals(503, refused.status(), "refused while the upload cannot even be looked up");
        faults.database.pass();
        assertEquals(5 * MIB, awaitOffset(upload, 5 * MIB));

        // The database freezes while the body arrives: its parts reach S3, their record waits.
        long sent = System.nanoTime();
        UUID uploadId = UUID.fromString(upload.substring(upload.lastIndexOf('/') + 1));
        TestHttp.Response frozen =
                patch(
                        upload,
                        file,
                        5 * MIB,
                        10 * MIB,
                        () -> {
                            awaitStoredParts(uploadId, 2);
                            faults.database.freeze();
                        });
        double seconds = (System.nanoTime() - sent) / 1e9;
        assertEquals(503, frozen.status(), frozen.body());
        assertEquals("5", frozen.header("Retry-After"));
        assertTrue(
                seconds < FaultyLectern.DEADLINE_SECONDS + 5, "answered after " + seconds + " s");

        faults.database.pass();
        long offset = awaitOffset(upload, 15 * MIB);
        assertEquals(
                15 * MIB,
                offset,
                "the two parts stored during the freeze are kept; S3 holds "
                        + storedParts(uploadId)
                        + " parts");

        TestHttp.Response last =
                patch(upload, file, (int) offset, file.length - (int) offset, null);
        assertEquals(204, last.status(), last.body());
        assertArrayEquals(
                sha256(file),
                sha256(awaitSource(lecture)),
                "the source is the file, byte for byte");
    }

    @Test
    @DisplayName(
            "a PATCH while S3 is down hears 503, the offset stays at what S3 holds, and the upload finishes byte for byte")
    void uploadAcrossStorageOutage() throws Exception {
        UUID lecture =
                faults.app.createLecture(
                        faults.teacher, faults.course, "Uploaded past S3", "draft");
        byte[] file = new byte[10 * MIB + 777];
        new Random(11).nextBytes(file);
        String upload = createUpload(lecture, file.length);
        assertEquals(204, patch(upload, file, 0, 5 * MIB, null).status());

        faults.storage.down();
        TestHttp.Response down = patch(upload, file, 5 * MIB, 5 * MIB, null);
        assertEquals(503, down.status(), down.body());
        faults.storage.pass();
        long offset = awaitOffset(upload, 5 * MIB);
        assertEquals(5 * MIB, offset, "only what S3 stored counts");

        TestHttp.Response rest =
                patch(upload, file, (int) offset, file.length - (int) offset, null);
        assertEquals(204, rest.status(), rest.body());
        assertArrayEquals(sha256(file), sha256(awaitSource(lecture)));
    }

    private static String createUpload(UUID lecture, long length) throws Exception {
        TusClient tus = new TusClient(faults.app.http.baseUrl(), faults.teacher);
        var created = tus.create(lecture, length);
        assertEquals(201, created.statusCode(), created.body());
        return tus.location(created);
    }

    /** The lecture's source once its parts became one object (just after the last PATCH). */
    private static byte[] awaitSource(UUID lecture) throws InterruptedException {
        java.util.Optional<io.vertx.core.buffer.Buffer> source = java.util.Optional.empty();
        for (int i = 0; i < 100 && source.isEmpty(); i++) {
            Thread.sleep(200);
            source =
                    Blocking.await(
                            ObjectFiles.read(
                                    faults.app.infra().store, StorageKeys.source(lecture)));
        }
        return source.orElseThrow().getBytes();
    }

    /**
     * PATCHes {@code length} bytes from {@code offset}; {@code midway} (if any) runs once six
     * mebibytes of the body are sent.
     */
    private static TestHttp.Response patch(
            String upload, byte[] file, int offset, int length, Runnable midway) throws Exception {
        java.io.InputStream body =
                new java.io.ByteArrayInputStream(file, offset, length) {
                    private boolean ran;

                    @Override
                    public synchronized int read(byte[] into, int from, int count) {
                        if (midway != null && !ran && pos - offset > 6 * MIB) {
                            ran = true;
                            midway.run();
                        }
                        return super.read(into, from, Math.min(count, 64 * 1024));
                    }
                };
        java.net.http.HttpRequest request =
                java.net.http.HttpRequest.newBuilder(URI.create(upload))
                        .timeout(java.time.Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + faults.teacher)
                        .header("Tus-Resumable", "1.0.0")
                        .header("Upload-Offset", Integer.toString(offset))
                        .header("Content-Type", "application/offset+octet-stream")
                        .method(
                                "PATCH",
                                java.net.http.HttpRequest.BodyPublishers.fromPublisher(
                                        java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                                                () -> body),
                                        length))
                        .build();
        var response =
                java.net.http.HttpClient.newHttpClient()
                        .send(request, java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        return new TestHttp.Response(
                response.statusCode(), response.headers().map(), response.body());
    }

    private static int storedParts(UUID uploadId) {
        String key =
                StorageKeys.source(
                        faults.app
                                .sql("SELECT lecture_id FROM uploads WHERE id = $1", uploadId)
                                .iterator()
                                .next()
                                .getUUID(0));
        String multipartId =
                faults.app
                        .sql("SELECT multipart_id FROM uploads WHERE id = $1", uploadId)
                        .iterator()
                        .next()
                        .getString(0);
        return Blocking.await(faults.app.infra().store.listParts(key, multipartId)).size();
    }

    /** Waits (up to 20 s) until the upload's multipart upload in S3 holds {@code parts} parts. */
    private static void awaitStoredParts(UUID uploadId, int parts) {
        String key =
                StorageKeys.source(
                        faults.app
                                .sql("SELECT lecture_id FROM uploads WHERE id = $1", uploadId)
                                .iterator()
                                .next()
                                .getUUID(0));
        String multipartId =
                faults.app
                        .sql("SELECT multipart_id FROM uploads WHERE id = $1", uploadId)
                        .iterator()
                        .next()
                        .getString(0);
        MultipartStore store = faults.app.infra().store;
        for (int i = 0; i < 200; i++) {
            if (Blocking.await(store.listParts(key, multipartId)).size() >= parts) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("part " + parts + " never reached S3");
    }

    /** HEADs the upload until its offset reaches {@code expected} (or 20 s pass). */
    private static long awaitOffset(String upload, long expected) throws InterruptedException {
        long offset = -1;
        for (int i = 0; i < 100 && offset < expected; i++) {
            TestHttp.Response head =
                    faults.app.http.send(
                            "HEAD", upload, faults.teacher, null, Map.of("Tus-Resumable", "1.0.0"));
            if (head.status() == 200) {
                offset = Long.parseLong(head.header("Upload-Offset"));
            }
            if (offset < expected) {
                Thread.sleep(200);
            }
        }
        return offset;
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }
}
