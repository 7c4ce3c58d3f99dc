package dev.lectern.infra.media;

import dev.lectern.infra.storage.ObjectStore;
import dev.lectern.infra.storage.ObjectStore.ObjectInfo;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * One stored object served to a child process (ffmpeg, ffprobe) over HTTP on 127.0.0.1, so the
 * child reads it with ranged S3 reads instead of waiting for a whole-object download: an MP4 whose
 * {@code moov} sits at the end costs one more range request, not a copy of the recording. The
 * server answers only at an unguessable path ({@value #TOKEN_BYTES} random bytes) and lives until
 * {@link #close()}; see {@link ObjectRangeAnswers} for what it answers.
 */
public final class ObjectOverLoopback implements MediaInput {
    static final int TOKEN_BYTES = 24;
    private static final String LOOPBACK = "127.0.0.1";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final ObjectRangeAnswers answers;
    private final String url;

    private ObjectOverLoopback(HttpServer server, ObjectRangeAnswers answers) {
        this.server = server;
        this.answers = answers;
        this.url = "http://" + LOOPBACK + ":" + server.actualPort() + answers.path();
    }

    /**
     * Starts serving the object at {@code key}; empty when there is no such object. Call it on an
     * event loop: the server answers on the context it is created from, which is where every
     * request's S3 read starts and its body is piped, on one event loop.
     */
    public static Future<Optional<ObjectOverLoopback>> open(
            Vertx vertx, ObjectStore store, String key) {
        return store.head(key)
                .compose(
                        found -> {
                            if (found.isEmpty()) {
                                return Future.succeededFuture(Optional.empty());
                            }
                            return serve(vertx, store, found.get()).map(Optional::of);
                        });
    }

    private static Future<ObjectOverLoopback> serve(
            Vertx vertx, ObjectStore store, ObjectInfo info) {
        ObjectRangeAnswers answers = new ObjectRangeAnswers(store, info, "/" + token());
        HttpServer server =
                vertx.createHttpServer(new HttpServerOptions().setHost(LOOPBACK).setPort(0));
        return server.requestHandler(answers::answer)
                .listen()
                .map(listening -> new ObjectOverLoopback(listening, answers));
    }

    private static String token() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public List<String> args() {
        return MediaTools.loopbackInputArgs(url);
    }

    /** The URL, for tests; it must not be logged while the server runs. */
    String url() {
        return url;
    }

    /** Body bytes handed to readers so far (what was fetched from S3 for them). */
    public long bytesSent() {
        return answers.bytesSent();
    }

    /** Stops serving: open reads are cut off and the path answers no more. */
    public Future<Void> close() {
        return server.close();
    }

    /** Names the object, never the URL (its path is the only key to it). */
    @Override
    public String toString() {
        return answers.key();
    }
}
