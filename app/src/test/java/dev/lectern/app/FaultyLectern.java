package dev.lectern.app;

import dev.lectern.testkit.FaultProxy;
import dev.lectern.testkit.TestSettings;
import java.net.URI;
import java.util.Map;

/**
 * A Lectern whose PostgreSQL and S3 sit behind fault proxies (frozen, down, back), with a short
 * answer deadline and retries that do not wait, and a teacher in a course.
 */
final class FaultyLectern implements AutoCloseable {
    /** The answer deadline these services run with, in seconds. */
    static final int DEADLINE_SECONDS = 2;

    final FaultProxy database;
    final FaultProxy storage;
    final RunningLectern app;
    final String teacher;
    final String course;

    FaultyLectern(String name) {
        Map<String, String> settings = TestSettings.isolated(name);
        URI db = URI.create(settings.get("LECTERN_DATABASE_URL"));
        URI s3 = URI.create(settings.get("LECTERN_S3_ENDPOINT"));
        database = new FaultProxy(db.getHost(), db.getPort());
        storage = new FaultProxy(s3.getHost(), s3.getPort());
        app =
                new RunningLectern(
                        Map.of(
                                "LECTERN_DATABASE_URL",
                                "postgresql://127.0.0.1:" + database.port() + db.getPath(),
                                "LECTERN_S3_ENDPOINT",
                                "http://127.0.0.1:" + storage.port(),
                                "LECTERN_S3_PART_SIZE_MB",
                                "5",
                                "LECTERN_HTTP_ANSWER_DEADLINE_SECONDS",
                                Integer.toString(DEADLINE_SECONDS),
                                // A transcode attempt an outage failed runs again at once.
                                "LECTERN_JOB_RETRY_BASE_SECONDS",
                                "1",
                                "LECTERN_JOB_MAX_ATTEMPTS",
                                "6",
                                // A transcode lasts as long as its source plays, so an outage can
                                // be placed inside it whatever the machine's speed.
                                "LECTERN_TRANSCODE_MAX_SPEED",
                                "1"));
        String admin = app.adminToken("root");
        teacher = app.token("tina");
        course = app.createCourse(admin, name.toUpperCase(), "Outages");
        app.addMember(admin, course, "tina", "teacher");
    }

    /** Both servers reachable again. */
    void heal() {
        database.pass();
        storage.pass();
    }

    @Override
    public void close() {
        app.close();
        database.close();
        storage.close();
    }
}
