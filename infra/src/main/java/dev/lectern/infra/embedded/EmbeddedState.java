package dev.lectern.infra.embedded;

import dev.lectern.infra.config.ConfigException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * {@code embedded.json} in the data directory: which process hosts the embedded servers and how to
 * reach them, so other processes on the machine can join, and the ports and S3 keys to use again on
 * the next start, so joined processes reconnect after the host is restarted. It holds the S3 secret
 * key, so only its owner may read it.
 *
 * @param status {@code starting}, {@code running} or {@code stopped}
 * @param postgresPort 0 when the host runs no embedded PostgreSQL
 * @param s3Endpoint null when the host runs no embedded S3
 */
record EmbeddedState(
        String status,
        long hostPid,
        String hostCommand,
        int postgresPort,
        URI s3Endpoint,
        String s3AccessKey,
        String s3SecretKey) {

    static final String FILE = "embedded.json";
    static final String STARTING = "starting";
    static final String RUNNING = "running";
    static final String STOPPED = "stopped";

    static Optional<EmbeddedState> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonObject json = new JsonObject(Files.readString(file));
            JsonObject host = json.getJsonObject("host", new JsonObject());
            JsonObject postgres = json.getJsonObject("postgres");
            JsonObject s3 = json.getJsonObject("s3");
            return Optional.of(
                    new EmbeddedState(
                            json.getString("status", STOPPED),
                            host.getLong("pid", 0L),
                            host.getString("command", ""),
                            postgres == null ? 0 : postgres.getInteger("port", 0),
                            s3 == null ? null : URI.create(s3.getString("endpoint")),
                            s3 == null ? null : s3.getString("accessKey"),
                            s3 == null ? null : s3.getString("secretKey")));
        } catch (IOException | RuntimeException e) {
            // Unreadable or edited by hand into something else: as good as absent.
            return Optional.empty();
        }
    }

    EmbeddedState with(String newStatus, long pid, String command) {
        return new EmbeddedState(
                newStatus, pid, command, postgresPort, s3Endpoint, s3AccessKey, s3SecretKey);
    }

    boolean hasS3() {
        return s3Endpoint != null && s3AccessKey != null && s3SecretKey != null;
    }

    /** Replaces the file at once (readers never see half of it), readable by its owner only. */
    void write(Path file) {
        JsonObject json =
                new JsonObject()
                        .put("status", status)
                        .put(
                                "host",
                                new JsonObject().put("pid", hostPid).put("command", hostCommand));
        if (postgresPort > 0) {
            json.put(
                    "postgres",
                    new JsonObject()
                            .put("host", "127.0.0.1")
                            .put("port", postgresPort)
                            .put("user", "postgres")
                            .put("database", "postgres"));
        }
        if (hasS3()) {
            json.put(
                    "s3",
                    new JsonObject()
                            .put("endpoint", s3Endpoint.toString())
                            .put("accessKey", s3AccessKey)
                            .put("secretKey", s3SecretKey));
        }
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(temporary);
            try {
                Files.createFile(
                        temporary,
                        PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(temporary);
            }
            Files.writeString(temporary, json.encodePrettily() + "\n");
            Files.move(
                    temporary,
                    file,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ConfigException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
