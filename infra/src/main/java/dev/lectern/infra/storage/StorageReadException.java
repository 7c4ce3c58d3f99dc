package dev.lectern.infra.storage;

/** S3 answered a read with an error status. */
public final class StorageReadException extends RuntimeException {
    private final int status;

    StorageReadException(String key, int status, String body) {
        super(
                "S3 answered HTTP "
                        + status
                        + " reading "
                        + key
                        + ": "
                        + body.lines().findFirst().orElse(""));
        this.status = status;
    }

    /** The HTTP status S3 answered with. */
    public int status() {
        return status;
    }
}
