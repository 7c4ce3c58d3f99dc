package dev.lectern.infra.storage;

import dev.lectern.infra.config.ConfigException;
import dev.lectern.infra.config.StorageConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.streams.ReadStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import software.amazon.awssdk.core.FileRequestBodyConfiguration;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** {@link ObjectStore} and {@link MultipartStore} over any S3-compatible service. */
public final class S3ObjectStore implements ObjectStore, MultipartStore, AutoCloseable {
    private final Vertx vertx;
    private final SdkEventLoopGroup eventLoops;
    private final S3AsyncClient s3;
    private final S3Presigner presigner;
    private final PresignedReads reads;
    private final String bucket;
    private final int partSize;
    private final PartMemory partMemory;

    private S3ObjectStore(Vertx vertx, StorageConfig config) {
        this.vertx = vertx;
        this.eventLoops = S3Clients.eventLoops();
        this.s3 = S3Clients.client(config, eventLoops);
        this.presigner = S3Clients.presigner(config);
        this.bucket = config.bucket();
        this.reads = new PresignedReads(vertx, this::presignGet);
        this.partSize = config.partSizeBytes();
        this.partMemory = new PartMemory(config.partMemoryBytes());
    }

    /**
     * Connects to the store and makes sure the bucket is there (creating it when allowed). Fails
     * with a one-line {@link ConfigException} when the store is unreachable or refuses the keys.
     */
    public static Future<S3ObjectStore> connect(Vertx vertx, StorageConfig config) {
        S3ObjectStore store = new S3ObjectStore(vertx, config);
        // Closing the SDK client waits for its event loops to wind down: never on a Vert.x thread.
        return store.ensureBucket(config)
                .map(store)
                .onFailure(e -> Thread.ofVirtual().start(store::close));
    }

    private Future<Void> ensureBucket(StorageConfig config) {
        return ping().recover(
                        error -> {
                            if (error instanceof NoSuchBucketException || isNotFound(error)) {
                                return config.createBucket()
                                        ? fromStage(s3.createBucket(b -> b.bucket(bucket)))
                                                .mapEmpty()
                                        : Future.failedFuture(StartupErrors.missingBucket(bucket));
                            }
                            return Future.failedFuture(StartupErrors.describe(config, error));
                        });
    }

    @Override
    public Future<Void> ping() {
        return fromStage(s3.headBucket(b -> b.bucket(bucket))).mapEmpty();
    }

    @Override
    public Future<Void> put(String key, Path file, String contentType) {
        return vertx.<Long>executeBlocking(() -> Files.size(file))
                .compose(
                        size -> {
                            if (size <= partSize) {
                                return fromStage(
                                                s3.putObject(
                                                        b ->
                                                                b.bucket(bucket)
                                                                        .key(key)
                                                                        .contentType(contentType),
                                                        AsyncRequestBody.fromFile(file)))
                                        .mapEmpty();
                            }
                            return new FileMultipartUpload(this, key, file, size, partSize)
                                    .run(contentType);
                        });
    }

    @Override
    public Future<Void> put(String key, Buffer content, String contentType) {
        return fromStage(
                        s3.putObject(
                                b -> b.bucket(bucket).key(key).contentType(contentType),
                                bodyOf(content)))
                .mapEmpty();
    }

    @Override
    public Future<Long> put(String key, ReadStream<Buffer> body, String contentType) {
        return new StreamMultipartUpload(this, key, partSize).run(body, contentType);
    }

    @Override
    public Future<Optional<StoredObject>> get(String key, ByteRange range) {
        return reads.get(key, range);
    }

    @Override
    public Future<Optional<ObjectInfo>> head(String key) {
        return fromStage(s3.headObject(b -> b.bucket(bucket).key(key)))
                .map(
                        h ->
                                Optional.of(
                                        new ObjectInfo(
                                                key, h.contentLength(), h.eTag(), h.contentType())))
                .recover(
                        error ->
                                isNotFound(error)
                                        ? Future.succeededFuture(Optional.empty())
                                        : Future.failedFuture(error));
    }

    @Override
    public Future<List<ObjectInfo>> list(String prefix) {
        List<ObjectInfo> all = new ArrayList<>();
        return listFrom(prefix, null, all).map(v -> all);
    }

    private Future<Void> listFrom(String prefix, String token, List<ObjectInfo> into) {
        return fromStage(
                        s3.listObjectsV2(
                                b -> b.bucket(bucket).prefix(prefix).continuationToken(token)))
                .compose(
                        (ListObjectsV2Response page) -> {
                            page.contents()
                                    .forEach(
                                            o ->
                                                    into.add(
                                                            new ObjectInfo(
                                                                    o.key(), o.size(), o.eTag(),
                                                                    null)));
                            return Boolean.TRUE.equals(page.isTruncated())
                                    ? listFrom(prefix, page.nextContinuationToken(), into)
                                    : Future.succeededFuture();
                        });
    }

    @Override
    public Future<Void> delete(String key) {
        return fromStage(s3.deleteObject(b -> b.bucket(bucket).key(key))).mapEmpty();
    }

    @Override
    public Future<Integer> deletePrefix(String prefix) {
        if (prefix.isEmpty()) {
            return Future.failedFuture(
                    new IllegalArgumentException("refusing to delete the whole bucket"));
        }
        // Unfinished multipart uploads are invisible in a listing but billed: they go too.
        return abortUploads(prefix, key -> key.startsWith(prefix))
                .compose(aborted -> list(prefix))
                .compose(objects -> deleteBatches(objects, 0).map(objects.size()));
    }

    private Future<Void> deleteBatches(List<ObjectInfo> objects, int from) {
        if (from >= objects.size()) {
            return Future.succeededFuture();
        }
        List<ObjectIdentifier> batch =
                objects.subList(from, Math.min(from + 1000, objects.size())).stream()
                        .map(o -> ObjectIdentifier.builder().key(o.key()).build())
                        .toList();
        return fromStage(
                        s3.deleteObjects(
                                b ->
                                        b.bucket(bucket)
                                                .delete(
                                                        Delete.builder()
                                                                .objects(batch)
                                                                .quiet(true)
                                                                .build())))
                .compose(v -> deleteBatches(objects, from + 1000));
    }

    @Override
    public URI presignGet(String key, Duration ttl) {
        return URI.create(
                presigner
                        .presignGetObject(
                                p ->
                                        p.signatureDuration(ttl)
                                                .getObjectRequest(g -> g.bucket(bucket).key(key)))
                        .url()
                        .toString());
    }

    @Override
    public Future<String> startMultipart(String key, String contentType) {
        return fromStage(
                        s3.createMultipartUpload(
                                b -> b.bucket(bucket).key(key).contentType(contentType)))
                .map(r -> r.uploadId());
    }

    @Override
    public Future<CompletedPart> uploadPart(
            String key, String uploadId, int partNumber, Buffer data) {
        return uploadPart(key, uploadId, partNumber, bodyOf(data));
    }

    /**
     * The buffer's bytes as a request body without copying them: a part is 16 MiB or more, and
     * copying it (as {@code getBytes()} does) cost a tenth of an upload's CPU. Callers hand over
     * a buffer they no longer write to.
     */
    private static AsyncRequestBody bodyOf(Buffer data) {
        // A composite buffer (a part kept as its chunks) becomes several views, one per chunk.
        return AsyncRequestBody.fromRemainingByteBuffersUnsafe(
                ((BufferInternal) data).getByteBuf().nioBuffers());
    }

    @Override
    public Future<CompletedPart> uploadPart(
            String key, String uploadId, int partNumber, Path file, long offset, long length) {
        var body =
                AsyncRequestBody.fromFile(
                        FileRequestBodyConfiguration.builder()
                                .path(file)
                                .position(offset)
                                .numBytesToRead(length)
                                .build());
        return uploadPart(key, uploadId, partNumber, body);
    }

    private Future<CompletedPart> uploadPart(
            String key, String uploadId, int partNumber, AsyncRequestBody body) {
        return fromStage(
                        s3.uploadPart(
                                b ->
                                        b.bucket(bucket)
                                                .key(key)
                                                .uploadId(uploadId)
                                                .partNumber(partNumber),
                                body))
                .map(r -> new CompletedPart(partNumber, r.eTag()));
    }

    @Override
    public Future<Void> completeMultipart(String key, String uploadId, List<CompletedPart> parts) {
        var completed =
                parts.stream()
                        .map(
                                p ->
                                        software.amazon.awssdk.services.s3.model.CompletedPart
                                                .builder()
                                                .partNumber(p.number())
                                                .eTag(p.etag())
                                                .build())
                        .toList();
        return fromStage(
                        s3.completeMultipartUpload(
                                b ->
                                        b.bucket(bucket)
                                                .key(key)
                                                .uploadId(uploadId)
                                                .multipartUpload(m -> m.parts(completed))))
                .mapEmpty();
    }

    @Override
    public Future<Void> abortMultipart(String key, String uploadId) {
        return fromStage(s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)))
                .mapEmpty();
    }

    @Override
    public Future<Integer> abortUnfinished(String key) {
        return abortUploads(key, key::equals);
    }

    /** Aborts the unfinished multipart uploads listed under {@code prefix} whose key matches. */
    private Future<Integer> abortUploads(String prefix, Predicate<String> matches) {
        return openUploads(prefix)
                .compose(
                        open -> {
                            List<Future<Void>> aborts =
                                    open.stream()
                                            .filter(upload -> matches.test(upload.key()))
                                            .map(
                                                    upload ->
                                                            abortMultipart(
                                                                    upload.key(),
                                                                    upload.uploadId()))
                                            .toList();
                            return Future.all(aborts).map(aborts.size());
                        });
    }

    @Override
    public Future<List<OpenUpload>> openUploads(String prefix) {
        List<OpenUpload> found = Collections.synchronizedList(new ArrayList<>());
        return fromStage(
                        s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(prefix))
                                .uploads()
                                .subscribe(
                                        upload ->
                                                found.add(
                                                        new OpenUpload(
                                                                upload.key(),
                                                                upload.uploadId(),
                                                                upload.initiated()))))
                .map(v -> List.copyOf(found));
    }

    @Override
    public Future<List<StoredPart>> listParts(String key, String uploadId) {
        List<StoredPart> found = Collections.synchronizedList(new ArrayList<>());
        return fromStage(
                        s3.listPartsPaginator(b -> b.bucket(bucket).key(key).uploadId(uploadId))
                                .parts()
                                .subscribe(
                                        part ->
                                                found.add(
                                                        new StoredPart(
                                                                part.partNumber(),
                                                                part.eTag(),
                                                                part.size()))))
                .map(
                        done ->
                                found.stream()
                                        .sorted(Comparator.comparingInt(StoredPart::number))
                                        .toList());
    }

    @Override
    public PartMemory partMemory() {
        return partMemory;
    }

    @Override
    public int partSize() {
        return partSize;
    }

    private <T> Future<T> fromStage(CompletionStage<T> stage) {
        Promise<T> promise = Promise.promise();
        var context = vertx.getOrCreateContext();
        stage.whenComplete(
                (value, error) ->
                        context.runOnContext(
                                v -> {
                                    if (error != null) {
                                        promise.fail(
                                                error instanceof CompletionException
                                                                && error.getCause() != null
                                                        ? error.getCause()
                                                        : error);
                                    } else {
                                        promise.complete(value);
                                    }
                                }));
        return promise.future();
    }

    private static boolean isNotFound(Throwable error) {
        return error instanceof NoSuchKeyException
                || error instanceof S3Exception s3e && s3e.statusCode() == 404;
    }

    @Override
    public void close() {
        reads.close();
        s3.close();
        presigner.close();
        eventLoops
                .eventLoopGroup()
                .shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS)
                .syncUninterruptibly();
    }
}
