package dev.lectern.app.ingest;

import dev.lectern.app.Lectern;
import dev.lectern.app.LecternConfig;
import dev.lectern.infra.auth.Identity;
import dev.lectern.infra.config.ConfigSource;
import dev.lectern.infra.config.DatabaseConfig;
import dev.lectern.infra.config.StorageConfig;
import dev.lectern.testkit.TestDatabase;
import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestStorage;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One database and one bucket shared by one or more running Lectern instances, with helpers that
 * insert courses, people and lectures directly (the catalog API is built elsewhere).
 */
final class IngestFixture implements AutoCloseable {
    final DatabaseConfig database = TestDatabase.freshDatabase();
    final StorageConfig storage = TestStorage.freshBucket();
    // Shared by every instance: the embedded signing key lives here, so tokens work on all of them.
    final java.nio.file.Path dataDir = TestDirs.create("ingest");
    private final List<Lectern> instances = new ArrayList<>();

    Lectern start(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("LECTERN_HTTP_PORT", "0");
        env.put("LECTERN_HTTP_HOST", "127.0.0.1");
        env.put("LECTERN_DATA_DIR", dataDir.toString());
        env.put(
                "LECTERN_DATABASE_URL",
                "postgresql://"
                        + database.user()
                        + "@"
                        + database.host()
                        + ":"
                        + database.port()
                        + "/"
                        + database.database());
        if (!database.password().isEmpty()) {
            env.put("LECTERN_DATABASE_PASSWORD", database.password());
        }
        env.put("LECTERN_S3_ENDPOINT", storage.endpoint().toString());
        env.put("LECTERN_S3_ACCESS_KEY", storage.accessKey());
        env.put("LECTERN_S3_SECRET_KEY", storage.secretKey());
        env.put("LECTERN_S3_BUCKET", storage.bucket());
        env.put("LECTERN_S3_PART_SIZE_MB", "5");
        env.putAll(extra);
        Lectern lectern = Lectern.start(LecternConfig.from(ConfigSource.of(env)));
        instances.add(lectern);
        return lectern;
    }

    Lectern start() {
        return start(Map.of());
    }

    String token(Lectern lectern, String user) {
        return lectern.infrastructure()
                .tokens
                .issue(new Identity(user, user, false), Duration.ofHours(1));
    }

    UUID course(Lectern lectern, String code) {
        return one(lectern, "INSERT INTO courses (code, title) VALUES ($1, $1) RETURNING id", code)
                .getUUID(0);
    }

    void member(Lectern lectern, UUID course, String user, String role) {
        sql(lectern, "INSERT INTO users (id) VALUES ($1) ON CONFLICT DO NOTHING", user);
        sql(
                lectern,
                "INSERT INTO memberships (course_id, user_id, role) VALUES ($1, $2, $3)",
                course,
                user,
                role);
    }

    UUID lecture(Lectern lectern, UUID course) {
        return one(
                        lectern,
                        "INSERT INTO lectures (course_id, title) VALUES ($1, 'Lecture') RETURNING id",
                        course)
                .getUUID(0);
    }

    Row one(Lectern lectern, String sql, Object... args) {
        return lectern.infrastructure()
                .pool
                .preparedQuery(sql)
                .execute(Tuple.from(args))
                .await()
                .iterator()
                .next();
    }

    void sql(Lectern lectern, String sql, Object... args) {
        lectern.infrastructure().pool.preparedQuery(sql).execute(Tuple.from(args)).await();
    }

    /**
     * Waits (up to 30 s) until the lecture has left {@code uploading}: the final PATCH answers
     * before the source is judged. Returns the status it settled in.
     */
    static String awaitJudged(IngestFixture fixture, Lectern lectern, UUID lecture)
            throws InterruptedException {
        String status = "";
        for (int i = 0; i < 300; i++) {
            status =
                    fixture.one(lectern, "SELECT status FROM lectures WHERE id = $1", lecture)
                            .getString(0);
            if (!status.equals("uploading")) {
                break;
            }
            Thread.sleep(100);
        }
        return status;
    }

    @Override
    public void close() {
        for (int i = instances.size() - 1; i >= 0; i--) {
            instances.get(i).close();
        }
    }
}
