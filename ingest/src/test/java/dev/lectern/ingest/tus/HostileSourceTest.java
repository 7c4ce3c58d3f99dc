package dev.lectern.ingest.tus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.lectern.catalog.lifecycle.PgLectureLifecycle;
import dev.lectern.catalog.lifecycle.SourceObject;
import dev.lectern.infra.db.Database;
import dev.lectern.infra.storage.S3ObjectStore;
import dev.lectern.ingest.IngestConfig;
import dev.lectern.ingest.validate.SourceValidator;
import dev.lectern.ingest.validate.Verdict;
import dev.lectern.testkit.TestDatabase;
import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestMedia;
import dev.lectern.testkit.TestStorage;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile sources taken the whole way: stored in S3, sampled, probed and judged into a lecture
 * row. Whatever a file names, none of /etc/passwd may reach the verdict or the row.
 */
@DisplayName("hostile sources end rejected with no local file content in the lecture row")
class HostileSourceTest {
    static Vertx vertx;
    static Pool pool;
    static S3ObjectStore store;
    static SourceAcceptance acceptance;
    static String passwdLine;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        pool = Database.connect(vertx, TestDatabase.freshDatabase()).await();
        store = S3ObjectStore.connect(vertx, TestStorage.freshBucket()).await();
        Path dir = TestDirs.create("hostile");
        acceptance =
                new SourceAcceptance(
                        vertx,
                        store,
                        new PgLectureLifecycle(pool, 3),
                        new SourceValidator(
                                TestMedia.tools(),
                                new IngestConfig(
                                        1L << 30,
                                        Duration.ofDays(1),
                                        Duration.ofMinutes(5),
                                        List.of(),
                                        Duration.ofHours(8),
                                        8192)),
                        dir);
        passwdLine = Files.readAllLines(Path.of("/etc/passwd")).get(0);
    }

    @AfterAll
    static void stop() {
        store.close();
        vertx.close().await();
    }

    static byte[] payload(String kind) {
        return switch (kind) {
            case "playlist" ->
                    ("#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:10.0,\nfile:///etc/passwd\n"
                                    + "#EXT-X-ENDLIST\n")
                            .getBytes(StandardCharsets.US_ASCII);
            case "gab2" ->
                    dev.lectern.ingest.validate.HostileAvi.gab2Playlist("file:///etc/passwd");
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"playlist", "gab2"})
    @DisplayName("an HLS playlist, bare or inside an AVI's GAB2 subtitle, naming /etc/passwd")
    void rejectedWithoutLeak(String kind) {
        UUID course =
                pool.preparedQuery(
                                "INSERT INTO courses (code, title) VALUES ($1, 'c') RETURNING id")
                        .execute(Tuple.of("H-" + UUID.randomUUID()))
                        .await()
                        .iterator()
                        .next()
                        .getUUID(0);
        UUID lecture =
                pool.preparedQuery(
                                "INSERT INTO lectures (course_id, title, status)"
                                        + " VALUES ($1, 'l', 'uploading') RETURNING id")
                        .execute(Tuple.of(course))
                        .await()
                        .iterator()
                        .next()
                        .getUUID(0);
        byte[] bytes = payload(kind);
        String key = "lectures/" + lecture + "/source/original";
        store.put(key, Buffer.buffer(bytes), "video/mp4").await();

        Verdict verdict =
                acceptance
                        .judge(lecture, new SourceObject(key, kind + ".mp4", bytes.length))
                        .await();

        assertInstanceOf(Verdict.Rejected.class, verdict);
        String row =
                pool.preparedQuery("SELECT row_to_json(l)::text FROM lectures l WHERE id = $1")
                        .execute(Tuple.of(lecture))
                        .await()
                        .iterator()
                        .next()
                        .getString(0);
        assertEquals("rejected", new io.vertx.core.json.JsonObject(row).getString("status"));
        assertFalse(row.contains(passwdLine), row);
        assertFalse(row.contains("root:"), row);
        assertFalse(verdict.toString().contains("root:"), verdict.toString());
    }
}
