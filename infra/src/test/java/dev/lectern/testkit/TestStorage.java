package dev.lectern.testkit;

import dev.lectern.infra.config.ConfigSource;
import dev.lectern.infra.config.InfraConfig;
import dev.lectern.infra.config.StorageConfig;
import dev.lectern.infra.storage.EmbeddedS3Server;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real S3 protocol server for tests: one in-process s3proxy per JVM, and a fresh bucket for each
 * test class that asks, so listings never see another test's objects.
 */
public final class TestStorage {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedS3Server server;

    private TestStorage() {}

    public static synchronized EmbeddedS3Server server() {
        if (server == null) {
            server = EmbeddedS3Server.start(TestDirs.create("s3"), 0);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        return server;
    }

    /**
     * Settings for a new bucket on the shared server (created when first connected), with the
     * smallest part size S3 allows, so multipart paths run with small test files.
     */
    public static StorageConfig freshBucket() {
        StorageConfig defaults =
                InfraConfig.from(ConfigSource.of(Map.of("LECTERN_S3_PART_SIZE_MB", "5"))).storage();
        String bucket = "test-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        return server().configFor(defaults.withBucket(bucket));
    }
}
