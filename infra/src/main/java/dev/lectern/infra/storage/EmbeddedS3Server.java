package dev.lectern.infra.storage;

import dev.lectern.infra.config.ConfigException;
import dev.lectern.infra.config.StorageConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process S3 server (s3proxy over a filesystem store) on 127.0.0.1. Lectern talks to it with
 * the same AWS SDK client it uses in production; only the endpoint differs. The keys are given by
 * the host of the embedded servers, which keeps them in a file only its user can read, or are
 * random for one start.
 */
public final class EmbeddedS3Server implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3Server.class);

    private final S3Proxy proxy;
    private final BlobStore store;
    private final URI endpoint;
    private final String accessKey;
    private final String secretKey;

    private EmbeddedS3Server(
            S3Proxy proxy, BlobStore store, URI endpoint, String accessKey, String secretKey) {
        this.proxy = proxy;
        this.store = store;
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /**
     * Starts a server storing objects under {@code directory} with random keys; {@code port} 0
     * picks a free one.
     */
    public static EmbeddedS3Server start(Path directory, int port) {
        return start(directory, port, newAccessKey(), newSecretKey());
    }

    /** Starts a server storing objects under {@code directory} that accepts only these keys. */
    public static EmbeddedS3Server start(
            Path relativeOrAbsolute, int port, String accessKey, String secretKey) {
        // The filesystem store completes multipart uploads only under an absolute base
        // directory: with a relative one, every completion answered NoSuchUpload.
        Path directory = relativeOrAbsolute.toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new ConfigException(
                    "cannot create " + directory + " for the embedded S3 store: " + e.getMessage(),
                    e);
        }
        if (!Files.isWritable(directory)) {
            throw new ConfigException("data directory " + directory + " is not writable");
        }
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", directory.toString());
        BlobStore store = BlobStores.create("filesystem", properties);
        S3Proxy proxy =
                S3Proxy.builder()
                        .blobStore(store)
                        .endpoint(URI.create("http://127.0.0.1:" + port))
                        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                        .ignoreUnknownHeaders(true)
                        .build();
        try {
            proxy.start();
            while (!proxy.getState().equals("STARTED")) {
                Thread.sleep(5);
            }
        } catch (Exception e) {
            store.close();
            throw new ConfigException(
                    "the embedded S3 server could not start on port "
                            + port
                            + ": "
                            + e.getMessage(),
                    e);
        }
        URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        LOG.info("embedded S3 listening on {} with objects in {}", endpoint, directory);
        return new EmbeddedS3Server(proxy, store, endpoint, accessKey, secretKey);
    }

    /** The given settings pointed at this server. */
    public StorageConfig configFor(StorageConfig settings) {
        return settings.at(endpoint, accessKey, secretKey);
    }

    public URI endpoint() {
        return endpoint;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    public static String newAccessKey() {
        return "lectern-" + randomHex(8);
    }

    public static String newSecretKey() {
        return randomHex(24);
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            LOG.warn("embedded S3 did not stop cleanly: {}", e.getMessage());
        }
        store.close();
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
