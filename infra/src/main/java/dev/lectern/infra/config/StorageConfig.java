package dev.lectern.infra.config;

import java.net.URI;

/**
 * The S3 store. Every mode talks the S3 protocol through the same client, so the embedded server
 * on a laptop exercises exactly the code that runs against AWS, MinIO, Ceph or R2.
 */
public record StorageConfig(
        Mode mode,
        URI endpoint,
        String region,
        String bucket,
        String accessKey,
        String secretKey,
        boolean pathStyle,
        boolean createBucket,
        int partSizeBytes,
        long partMemoryBytes,
        int embeddedPort) {

    public enum Mode {
        EMBEDDED,
        AWS,
        ENDPOINT
    }

    static StorageConfig from(ConfigSource source) {
        String endpoint = source.get(Setting.S3_ENDPOINT);
        Mode mode =
                switch (endpoint) {
                    case "embedded" -> Mode.EMBEDDED;
                    case "aws" -> Mode.AWS;
                    default -> Mode.ENDPOINT;
                };
        URI uri = mode == Mode.ENDPOINT ? parseEndpoint(endpoint) : null;
        String bucket = source.get(Setting.S3_BUCKET);
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new ConfigException(
                    Setting.S3_BUCKET.key() + " is not a valid bucket name: '" + bucket + "'");
        }
        int partSizeMb = source.getInt(Setting.S3_PART_SIZE_MB, 5, 512);
        return new StorageConfig(
                mode,
                uri,
                source.get(Setting.S3_REGION),
                bucket,
                source.get(Setting.S3_ACCESS_KEY),
                source.get(Setting.S3_SECRET_KEY),
                source.getBoolean(Setting.S3_PATH_STYLE),
                source.getBoolean(Setting.S3_CREATE_BUCKET),
                partSizeMb * 1024 * 1024,
                source.getInt(Setting.S3_PART_MEMORY_MB, 0, 64 * 1024) * 1024L * 1024L,
                source.getInt(Setting.EMBEDDED_S3_PORT, 0, 65535));
    }

    private static URI parseEndpoint(String endpoint) {
        try {
            URI uri = URI.create(endpoint);
            if (uri.getHost() != null
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new ConfigException(
                Setting.S3_ENDPOINT.key()
                        + " must be an http(s) URL, 'aws' or 'embedded', got '"
                        + endpoint
                        + "'");
    }

    /** The same store reached at a concrete endpoint with concrete keys: what embedded mode resolves to. */
    public StorageConfig at(URI endpoint, String accessKey, String secretKey) {
        return new StorageConfig(
                Mode.ENDPOINT,
                endpoint,
                region,
                bucket,
                accessKey,
                secretKey,
                true,
                true,
                partSizeBytes,
                partMemoryBytes,
                embeddedPort);
    }

    public StorageConfig withBucket(String name) {
        return new StorageConfig(
                mode,
                endpoint,
                region,
                name,
                accessKey,
                secretKey,
                pathStyle,
                createBucket,
                partSizeBytes,
                partMemoryBytes,
                embeddedPort);
    }

    @Override
    public String toString() {
        String where = mode == Mode.ENDPOINT ? endpoint.toString() : mode.name().toLowerCase();
        return "s3 " + where + " bucket " + bucket;
    }
}
