package dev.lectern.app.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.app.Lectern;
import dev.lectern.catalog.StorageKeys;
import dev.lectern.infra.storage.ByteRange;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The official JavaScript client against the real server: tus-js-client 4 from npm, run by
 * Node.js, killed with SIGKILL in the middle of a PATCH and resumed by a second Node process
 * against a second Lectern instance on the same database and bucket.
 */
@DisplayName("tus-js-client: killed mid-upload, resumed from another process on another instance")
class TusJsClientTest {
    static final Path NODE_DIR = Path.of("target", "node-tus").toAbsolutePath();
    static final int SIZE = 60 * 1024 * 1024;

    static final String SCRIPT =
            """
            const tus = require('tus-js-client');
            const fs = require('fs');
            const [endpoint, token, file, lectureId, resumeUrl, stopAfter] = process.argv.slice(2);
            const data = fs.readFileSync(file);
            let announced = false;
            const upload = new tus.Upload(data, {
              endpoint,
              uploadUrl: resumeUrl === '-' ? null : resumeUrl,
              headers: { Authorization: 'Bearer ' + token },
              metadata: { lectureId, filename: 'lecture.bin', filetype: 'application/octet-stream' },
              chunkSize: 6 * 1024 * 1024,
              retryDelays: [],
              storeFingerprintForResuming: false,
              onUploadUrlAvailable() { console.log('url ' + upload.url); },
              onProgress(sent) {
                if (Number(stopAfter) > 0 && sent >= Number(stopAfter) && !announced) {
                  announced = true;
                  console.log('halfway ' + sent);
                  // Stall with a PATCH in flight until the test kills this process.
                  const until = Date.now() + 60000;
                  while (Date.now() < until) {}
                }
              },
              onError(e) { console.log('error ' + e); process.exit(2); },
              onSuccess() { console.log('done'); process.exit(0); },
            });
            upload.start();
            """;

    static IngestFixture fixture;
    static Lectern first;
    static Lectern second;

    @BeforeAll
    static void start() throws Exception {
        installClient();
        fixture = new IngestFixture();
        first = fixture.start();
        second = fixture.start();
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** npm install once per build directory; the registry is needed only the first time. */
    static void installClient() throws Exception {
        Files.createDirectories(NODE_DIR);
        if (!Files.exists(NODE_DIR.resolve("node_modules/tus-js-client/package.json"))) {
            Process npm =
                    new ProcessBuilder(
                                    "npm",
                                    "install",
                                    "--prefix",
                                    NODE_DIR.toString(),
                                    "tus-js-client@4",
                                    "--no-audit",
                                    "--no-fund")
                            .redirectErrorStream(true)
                            .redirectOutput(NODE_DIR.resolve("npm.log").toFile())
                            .start();
            assertTrue(npm.waitFor(120, TimeUnit.SECONDS), "npm install took too long");
            assertEquals(0, npm.exitValue(), Files.readString(NODE_DIR.resolve("npm.log")));
        }
        Files.writeString(NODE_DIR.resolve("upload.js"), SCRIPT);
    }

    static Process node(
            String endpoint, String token, Path file, UUID lecture, String resume, long stopAfter)
            throws Exception {
        return new ProcessBuilder(
                        List.of(
                                "node",
                                NODE_DIR.resolve("upload.js").toString(),
                                endpoint,
                                token,
                                file.toString(),
                                lecture.toString(),
                                resume,
                                Long.toString(stopAfter)))
                .directory(NODE_DIR.toFile())
                .redirectErrorStream(true)
                .start();
    }

    @Test
    @DisplayName(
            "60 MiB: SIGKILL while a PATCH is in flight, a second process resumes on the second instance, the stored object's sha256 matches")
    void killAndResume() throws Exception {
        UUID course = fixture.course(first, "JS101");
        fixture.member(first, course, "jo", "teacher");
        UUID lecture = fixture.lecture(first, course);
        String token = fixture.token(first, "jo");
        byte[] data = new byte[SIZE];
        new Random(42).nextBytes(data);
        Path file = NODE_DIR.resolve("source-" + lecture + ".bin");
        Files.write(file, data);

        Process killed =
                node(first.baseUrl() + "/api/v1/uploads", token, file, lecture, "-", SIZE / 2);
        String url = null;
        try (BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(killed.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("url ")) {
                    url = line.substring(4).trim();
                } else if (line.startsWith("halfway")) {
                    break;
                } else if (line.startsWith("error") || line.startsWith("done")) {
                    throw new AssertionError("first client ended early: " + line);
                }
            }
            killed.destroyForcibly(); // SIGKILL: no chance to clean up
            assertTrue(killed.waitFor(10, TimeUnit.SECONDS));
        }
        assertTrue(url != null && url.contains("/api/v1/uploads/"), String.valueOf(url));
        String resumeUrl = second.baseUrl() + url.substring(url.indexOf("/api/v1/uploads/"));

        TusClient viaSecond = new TusClient(second.baseUrl(), token);
        long offset = 0;
        for (int i = 0; i < 100; i++) {
            // The killed request holds the upload's lock until its dropped connection is noticed
            // and its bytes stored; an empty PATCH answers 204 only once that is over.
            offset =
                    Long.parseLong(
                            viaSecond
                                    .head(resumeUrl)
                                    .headers()
                                    .firstValue("Upload-Offset")
                                    .orElse("0"));
            if (viaSecond.patch(resumeUrl, offset, new byte[0], 0, 0).statusCode() == 204) {
                break;
            }
            Thread.sleep(100);
        }
        assertTrue(offset > 0 && offset < SIZE, "stopped mid-way at " + offset);

        Process resumed =
                node(second.baseUrl() + "/api/v1/uploads", token, file, lecture, resumeUrl, 0);
        assertTrue(resumed.waitFor(60, TimeUnit.SECONDS), "resumed client took too long");
        String output = new String(resumed.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, resumed.exitValue(), output);
        assertTrue(output.contains("done"), output);

        IngestFixture.awaitJudged(fixture, second, lecture);
        assertEquals(sha256(data), storedSha256(lecture));
        Files.delete(file);
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    /** Digests the stored object as it streams, without holding it whole. */
    static String storedSha256(UUID lecture) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        var object =
                second.infrastructure()
                        .store
                        .get(StorageKeys.source(lecture), ByteRange.ALL)
                        .await()
                        .orElseThrow();
        io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
        object.body().handler(chunk -> digest.update(chunk.getBytes()));
        object.body().exceptionHandler(done::tryFail);
        object.body().endHandler(done::tryComplete);
        object.body().resume();
        done.future().await();
        return HexFormat.of().formatHex(digest.digest());
    }
}
