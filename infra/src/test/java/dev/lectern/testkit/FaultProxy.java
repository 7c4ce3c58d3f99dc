package dev.lectern.testkit;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy in front of a real server (PostgreSQL, S3) that can fail the way networks
 * and servers do: frozen (connections stay open, nothing moves: a server under SIGSTOP or a
 * blackholed route), down (every connection reset, new ones refused), or slow (latency on every
 * chunk). Bytes pass through untouched otherwise.
 */
public final class FaultProxy implements AutoCloseable {
    /** How the proxy treats traffic. */
    public enum Mode {
        PASS,
        FROZEN,
        DOWN
    }

    private final Vertx vertx = Vertx.vertx();
    private final NetClient client = vertx.createNetClient();
    private final NetServer server;
    private final String targetHost;
    private final int targetPort;
    private final Set<Pair> pairs = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.PASS;
    private volatile long latencyMillis;

    private record Pair(NetSocket downstream, NetSocket upstream) {
        void pause() {
            downstream.pause();
            upstream.pause();
        }

        void resume() {
            downstream.resume();
            upstream.resume();
        }

        void close() {
            downstream.close();
            upstream.close();
        }
    }

    public FaultProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server =
                vertx.createNetServer().connectHandler(this::accept).listen(0, "127.0.0.1").await();
    }

    public int port() {
        return server.actualPort();
    }

    /** Stops every byte until {@link #pass}; connections stay open. */
    public void freeze() {
        mode = Mode.FROZEN;
        pairs.forEach(Pair::pause);
    }

    /** Resets every connection and refuses new ones until {@link #pass}. */
    public void down() {
        mode = Mode.DOWN;
        pairs.forEach(Pair::close);
    }

    /** Back to normal: frozen connections move again. */
    public void pass() {
        mode = Mode.PASS;
        pairs.forEach(Pair::resume);
    }

    /** Delays every chunk by this much in both directions (0 for none). */
    public void latency(long millis) {
        latencyMillis = millis;
    }

    private void accept(NetSocket downstream) {
        if (mode == Mode.DOWN) {
            downstream.close();
            return;
        }
        downstream.pause();
        client.connect(targetPort, targetHost)
                .onFailure(e -> downstream.close())
                .onSuccess(
                        upstream -> {
                            Pair pair = new Pair(downstream, upstream);
                            pairs.add(pair);
                            relay(downstream, upstream);
                            relay(upstream, downstream);
                            downstream.closeHandler(v -> closed(pair));
                            upstream.closeHandler(v -> closed(pair));
                            if (mode == Mode.PASS) {
                                pair.resume();
                            } else {
                                upstream.pause();
                            }
                        });
    }

    private void relay(NetSocket from, NetSocket to) {
        from.handler(
                chunk -> {
                    long delay = latencyMillis;
                    if (delay > 0) {
                        from.pause();
                        vertx.setTimer(
                                delay,
                                id -> {
                                    to.write(chunk);
                                    if (mode == Mode.PASS) {
                                        from.resume();
                                    }
                                });
                    } else {
                        to.write(chunk);
                    }
                });
    }

    private void closed(Pair pair) {
        pairs.remove(pair);
        pair.close();
    }

    @Override
    public void close() {
        vertx.close().await();
    }
}
