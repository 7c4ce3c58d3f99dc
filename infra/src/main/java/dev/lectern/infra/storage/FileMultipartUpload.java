package dev.lectern.infra.storage;

import dev.lectern.infra.storage.MultipartStore.CompletedPart;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Uploads a large local file part by part, aborting the upload if any part fails. */
final class FileMultipartUpload {
    private final MultipartStore store;
    private final String key;
    private final Path file;
    private final long size;
    private final long partSize;
    private final List<CompletedPart> parts = new ArrayList<>();

    FileMultipartUpload(MultipartStore store, String key, Path file, long size, long partSize) {
        this.store = store;
        this.key = key;
        this.file = file;
        this.size = size;
        this.partSize = partSize;
    }

    Future<Void> run(String contentType) {
        return store.startMultipart(key, contentType)
                .compose(
                        uploadId ->
                                uploadFrom(uploadId, 0)
                                        .compose(v -> store.completeMultipart(key, uploadId, parts))
                                        .recover(
                                                error ->
                                                        store.abortMultipart(key, uploadId)
                                                                .transform(
                                                                        ignored ->
                                                                                Future.failedFuture(
                                                                                        error))));
    }

    private Future<Void> uploadFrom(String uploadId, long offset) {
        if (offset >= size) {
            return Future.succeededFuture();
        }
        long length = Math.min(partSize, size - offset);
        int number = parts.size() + 1;
        return store.uploadPart(key, uploadId, number, file, offset, length)
                .compose(
                        part -> {
                            parts.add(part);
                            return uploadFrom(uploadId, offset + length);
                        });
    }
}
