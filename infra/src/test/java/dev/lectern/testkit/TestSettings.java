package dev.lectern.testkit;

import dev.lectern.infra.config.DatabaseConfig;
import dev.lectern.infra.config.StorageConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code LECTERN_*} settings for a whole Lectern process in a test: a random HTTP port, a scratch
 * data directory, a fresh migrated database on the shared PostgreSQL and a fresh bucket on the
 * shared S3 server. Pass them to {@code ConfigSource.of(map)}; add or override entries as needed.
 */
public final class TestSettings {
    private TestSettings() {}

    public static Map<String, String> isolated(String name) {
        DatabaseConfig db = TestDatabase.freshDatabase();
        StorageConfig s3 = TestStorage.freshBucket();
        Map<String, String> settings = new HashMap<>();
        settings.put("LECTERN_HTTP_PORT", "0");
        settings.put("LECTERN_HTTP_HOST", "127.0.0.1");
        settings.put("LECTERN_DATA_DIR", TestDirs.create(name).toString());
        settings.put(
                "LECTERN_DATABASE_URL",
                "postgresql://" + db.host() + ":" + db.port() + "/" + db.database());
        settings.put("LECTERN_DATABASE_USER", db.user());
        settings.put("LECTERN_DATABASE_PASSWORD", db.password());
        settings.put("LECTERN_S3_ENDPOINT", s3.endpoint().toString());
        settings.put("LECTERN_S3_BUCKET", s3.bucket());
        settings.put("LECTERN_S3_ACCESS_KEY", s3.accessKey());
        settings.put("LECTERN_S3_SECRET_KEY", s3.secretKey());
        settings.put("LECTERN_S3_REGION", s3.region());
        // Recognising every test clip's tones would only load the machine; the tests about
        // automatic captions ask for an engine.
        settings.put("LECTERN_CAPTIONS_ENGINE", "off");
        // Likewise slide detection, which would follow every screen recording's publish.
        settings.put("LECTERN_SLIDES", "off");
        return settings;
    }
}
