package dev.lectern.infra.storage;

import dev.lectern.infra.config.ConfigException;
import dev.lectern.infra.config.Setting;
import dev.lectern.infra.config.StorageConfig;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The one-line errors for a store that cannot be used at start: each names the setting to check,
 * so a wrong endpoint, key or bucket never surfaces as an SDK stack trace.
 */
final class StartupErrors {
    private StartupErrors() {}

    static ConfigException missingBucket(String bucket) {
        return new ConfigException(
                "bucket '"
                        + bucket
                        + "' does not exist and "
                        + Setting.S3_CREATE_BUCKET.key()
                        + " is false");
    }

    /** Refused credentials, or anything else that kept the store from answering. */
    static ConfigException describe(StorageConfig config, Throwable error) {
        if (error instanceof S3Exception s3e
                && (s3e.statusCode() == 403 || s3e.statusCode() == 401)) {
            return new ConfigException(
                    "S3 at "
                            + where(config)
                            + " refused the credentials (HTTP "
                            + s3e.statusCode()
                            + "); check "
                            + Setting.S3_ACCESS_KEY.key()
                            + " and "
                            + Setting.S3_SECRET_KEY.key(),
                    error);
        }
        String reason =
                error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return new ConfigException(
                "S3 at "
                        + where(config)
                        + " is not reachable: "
                        + reason.lines().findFirst().orElse(""),
                error);
    }

    private static String where(StorageConfig config) {
        return config.endpoint() == null ? "AWS " + config.region() : config.endpoint().toString();
    }
}
