package dev.lectern.app;

import dev.lectern.catalog.StorageKeys;
import dev.lectern.catalog.lifecycle.PgLectureLifecycle;
import dev.lectern.catalog.lifecycle.SourceObject;
import dev.lectern.catalog.lifecycle.SourceSummary;
import dev.lectern.infra.auth.Identity;
import dev.lectern.infra.auth.SigningKey;
import dev.lectern.infra.config.ConfigSource;
import dev.lectern.testkit.TestHttp;
import dev.lectern.testkit.TestSettings;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.Map;

/**
 * A whole Lectern started the way {@code lectern serve} starts it, on a random port with its own
 * database and bucket, plus what tests need around it: tokens, an HTTP client and SQL.
 */
final class RunningLectern implements AutoCloseable {
    final Lectern lectern;
    final TestHttp http;

    RunningLectern(Map<String, String> overrides) {
        this(overrides, Lectern.FEATURE_JOBS);
    }

    /** A service whose worker runs only the given job handlers (say, imports but no transcoding). */
    RunningLectern(Map<String, String> overrides, JobRegistrations jobs) {
        Map<String, String> settings = TestSettings.isolated("lectern");
        settings.putAll(overrides);
        lectern =
                Lectern.start(
                        LecternConfig.from(ConfigSource.of(settings)),
                        java.util.Set.of(Role.API, Role.WORKER),
                        jobs);
        http = new TestHttp("http://127.0.0.1:" + lectern.port());
    }

    RunningLectern() {
        this(Map.of());
    }

    Infrastructure infra() {
        return lectern.infrastructure();
    }

    String token(String userId) {
        return infra().tokens.issue(new Identity(userId, userId, false), Duration.ofHours(1));
    }

    String adminToken(String userId) {
        return infra().tokens.issue(new Identity(userId, userId, true), Duration.ofHours(1));
    }

    /**
     * A token signed with the server's own key whose expiry passed an hour ago (more than any
     * clock-skew leeway), to prove expiry is checked.
     */
    String expiredToken(String userId) {
        var config = infra().config.infra().auth();
        SigningKey key = SigningKey.loadOrCreate(infra().config.infra().dataDir().resolve("keys"));
        JWTAuth signer =
                JWTAuth.create(
                        infra().vertx,
                        new JWTAuthOptions()
                                .addPubSecKey(
                                        new PubSecKeyOptions()
                                                .setAlgorithm("ES256")
                                                .setBuffer(key.privatePem())));
        long now = System.currentTimeMillis() / 1000;
        return signer.generateToken(
                new JsonObject().put("sub", userId).put("iat", now - 7200).put("exp", now - 3600),
                new JWTOptions()
                        .setAlgorithm("ES256")
                        .setIssuer(config.issuer())
                        .setAudience(java.util.List.of(config.audience()))
                        .setNoTimestamp(true));
    }

    /** Creates a course as the given admin and returns its id. */
    String createCourse(String adminToken, String code, String title) {
        JsonObject body = new JsonObject().put("code", code).put("title", title);
        return call("POST", "/api/v1/courses", adminToken, body, 201).getString("id");
    }

    /** Adds a new member with a role ("teacher" or "student") to a course. */
    void addMember(String token, String courseId, String userId, String role) {
        JsonObject body = new JsonObject().put("role", role);
        call("PUT", "/api/v1/courses/" + courseId + "/members/" + userId, token, body, 201);
    }

    /** Creates a lecture with a title and visibility as the given teacher; returns its id. */
    java.util.UUID createLecture(String token, String courseId, String title, String visibility) {
        JsonObject body = new JsonObject().put("title", title).put("visibility", visibility);
        return java.util.UUID.fromString(
                call("POST", "/api/v1/courses/" + courseId + "/lectures", token, body, 201)
                        .getString("id"));
    }

    /** The lecture's status now. */
    String status(java.util.UUID lecture) {
        return sql("SELECT status FROM lectures WHERE id = $1", lecture)
                .iterator()
                .next()
                .getString(0);
    }

    /**
     * Polls the lecture's status until {@code done} accepts it, for up to {@code seconds};
     * returns the last status read.
     */
    String awaitStatus(
            java.util.UUID lecture, java.util.function.Predicate<String> done, int seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        String now = status(lecture);
        while (!done.test(now) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            now = status(lecture);
        }
        return now;
    }

    /**
     * Waits (up to 30 s) until the lecture's status is no longer {@code status}, e.g. until an
     * upload answered with 204 has been judged; returns the new status.
     */
    String awaitStatusLeaves(java.util.UUID lecture, String status) throws InterruptedException {
        return awaitStatus(lecture, now -> !now.equals(status), 30);
    }

    /** Waits (up to two minutes) until the lecture is ready, failed or rejected; returns which. */
    String awaitSettled(java.util.UUID lecture) throws InterruptedException {
        return awaitStatus(lecture, java.util.Set.of("ready", "failed", "rejected")::contains, 120);
    }

    /** Uploads {@code file} to the lecture over tus as {@code token}, as the CLI and pages do. */
    void upload(String token, java.util.UUID lecture, java.nio.file.Path file) throws Exception {
        new TusUploader(
                        java.net.http.HttpClient.newHttpClient(),
                        java.net.URI.create(http.baseUrl()),
                        token,
                        new java.io.PrintStream(java.io.PrintStream.nullOutputStream()),
                        Duration.ofMillis(100),
                        TusUploader.CHUNK_BYTES)
                .upload(lecture, file);
    }

    /**
     * Puts {@code source} through the real worker as after an upload (stored, accepted, transcoded)
     * and waits (up to two minutes) until the lecture is ready.
     */
    void process(java.util.UUID lecture, java.nio.file.Path source, double seconds)
            throws Exception {
        String key = StorageKeys.source(lecture);
        String name = source.getFileName().toString();
        Blocking.await(infra().store.put(key, source, "video/mp4"));
        var lifecycle =
                new PgLectureLifecycle(infra().pool, infra().config.infra().worker().maxAttempts());
        Blocking.await(lifecycle.beginUpload(lecture));
        Blocking.await(
                lifecycle.acceptSource(
                        lecture,
                        new SourceObject(key, name, java.nio.file.Files.size(source)),
                        new SourceSummary("mov,mp4,m4a,3gp,3g2,mj2", seconds, java.util.List.of()),
                        1));
        String status = awaitSettled(lecture);
        if (!status.equals("ready")) {
            throw new AssertionError("processing " + name + " ended " + status);
        }
    }

    /**
     * Polls a background job's status resource (e.g. {@code
     * /api/v1/lectures/{id}/captions/automatic}) as {@code token} until its state is done, failed or
     * cancelled, for up to three minutes; returns the last answer.
     */
    JsonObject awaitBackgroundWork(String statusPath, String token) throws InterruptedException {
        JsonObject status = new JsonObject();
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            status = call("GET", statusPath, token, null, 200);
            String state = status.getString("state");
            if (state.equals("done") || state.equals("failed") || state.equals("cancelled")) {
                return status;
            }
            Thread.sleep(250);
        }
        return status;
    }

    RowSet<Row> sql(String statement, Object... args) {
        return Blocking.await(infra().pool.preparedQuery(statement).execute(Tuple.from(args)));
    }

    /** A JSON request that must answer {@code expectedStatus}; returns the body as JSON. */
    JsonObject call(String method, String path, String token, Object body, int expectedStatus) {
        TestHttp.Response response =
                http.send(method, path, token, body == null ? null : body.toString());
        if (response.status() != expectedStatus) {
            throw new AssertionError(
                    method
                            + " "
                            + path
                            + " answered "
                            + response.status()
                            + " instead of "
                            + expectedStatus
                            + ": "
                            + response.body());
        }
        String text = response.body();
        return text.isEmpty() ? new JsonObject() : new JsonObject(text);
    }

    @Override
    public void close() {
        lectern.close();
    }
}
