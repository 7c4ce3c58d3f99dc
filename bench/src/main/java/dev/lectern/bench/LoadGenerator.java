package dev.lectern.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.net.URI;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP load generator on Vert.x for loopback benchmarks. Open model: requests leave on a fixed
 * schedule whatever the answers, and latency counts from the scheduled instant, so a slow server
 * cannot hide its queue (no coordinated omission). Closed loop: N connections each send the next
 * request when the previous answer is read, for throughput. Both stop by themselves.
 */
final class LoadGenerator implements AutoCloseable {
    /** What one load point measured. */
    record Result(
            long requests,
            long errors,
            double seconds,
            long bytes,
            double p50Ms,
            double p99Ms,
            double maxMs) {
        double rps() {
            return requests / seconds;
        }

        double megabytesPerSecond() {
            return bytes / 1e6 / seconds;
        }
    }

    private final Vertx vertx = Vertx.vertx();

    /**
     * Sends {@code rps} requests per second for {@code warmUp + seconds} on one connection pool and
     * measures only the requests scheduled after the warm-up, so connections opening and code
     * compiling for this rate are not counted as the steady state's latency.
     */
    Result openModel(String url, String token, int rps, double warmUp, double seconds) {
        URI uri = URI.create(url);
        HttpClientAgent client = client(256);
        int skipped = (int) Math.round(rps * warmUp);
        int total = skipped + (int) Math.round(rps * seconds);
        long[] latencies = new long[total];
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        Promise<Void> finished = Promise.promise();
        long start = System.nanoTime();
        long measuredFrom = start + (long) (skipped * 1e9 / rps);
        long[] sent = {0};
        vertx.setPeriodic(
                1,
                timer -> {
                    long due =
                            Math.min(total, (long) ((System.nanoTime() - start) / 1e9 * rps) + 1);
                    while (sent[0] < due) {
                        int index = (int) sent[0]++;
                        long intended = start + (long) (index * 1e9 / rps);
                        boolean measured = index >= skipped;
                        send(client, uri, token)
                                .onComplete(
                                        ar -> {
                                            latencies[index] = System.nanoTime() - intended;
                                            if (measured) {
                                                record(ar, errors, bytes);
                                            }
                                            if (done.incrementAndGet() == total) {
                                                finished.tryComplete();
                                            }
                                        });
                    }
                    if (sent[0] >= total) {
                        vertx.cancelTimer(timer);
                    }
                });
        // An overloaded server drains its backlog after the schedule ends; that time counts too.
        await(finished.future(), (warmUp + seconds) * 20 + 60);
        double elapsed = (System.nanoTime() - measuredFrom) / 1e9;
        client.close();
        long[] measured = Arrays.copyOfRange(latencies, skipped, total);
        return result(measured, measured.length, errors.get(), elapsed, bytes.get());
    }

    Result closedLoop(String url, String token, int connections, double seconds) {
        URI uri = URI.create(url);
        HttpClientAgent client = client(connections);
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long[] latencies = new long[2_000_000];
        AtomicLong count = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicLong running = new AtomicLong(connections);
        Promise<Void> finished = Promise.promise();
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            vertx.runOnContext(
                    v ->
                            loop(
                                    client, uri, token, deadline, latencies, count, errors, bytes,
                                    running, finished));
        }
        // An overloaded server drains its backlog after the schedule ends; that time counts too.
        await(finished.future(), seconds * 20 + 60);
        double elapsed = (System.nanoTime() - start) / 1e9;
        client.close();
        int n = (int) Math.min(count.get(), latencies.length);
        return result(latencies, n, errors.get(), elapsed, bytes.get());
    }

    private void loop(
            HttpClientAgent client,
            URI uri,
            String token,
            long deadline,
            long[] latencies,
            AtomicLong count,
            AtomicLong errors,
            AtomicLong bytes,
            AtomicLong running,
            Promise<Void> finished) {
        if (System.nanoTime() >= deadline) {
            if (running.decrementAndGet() == 0) {
                finished.tryComplete();
            }
            return;
        }
        long sentAt = System.nanoTime();
        send(client, uri, token)
                .onComplete(
                        ar -> {
                            long index = count.getAndIncrement();
                            if (index < latencies.length) {
                                latencies[(int) index] = System.nanoTime() - sentAt;
                            }
                            record(ar, errors, bytes);
                            loop(
                                    client, uri, token, deadline, latencies, count, errors, bytes,
                                    running, finished);
                        });
    }

    private HttpClientAgent client(int connections) {
        return vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    }

    /** One GET; succeeds with the body length for a 200 or 206, fails otherwise. */
    private static Future<Integer> send(HttpClientAgent client, URI uri, String token) {
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return client.request(HttpMethod.GET, uri.getPort(), uri.getHost(), path)
                .compose(
                        request -> {
                            if (token != null) {
                                request.putHeader("Authorization", "Bearer " + token);
                            }
                            return request.send();
                        })
                .compose(
                        response ->
                                response.body()
                                        .compose(
                                                body ->
                                                        response.statusCode() / 100 == 2
                                                                ? Future.succeededFuture(
                                                                        body.length())
                                                                : Future.failedFuture(
                                                                        "HTTP "
                                                                                + response
                                                                                        .statusCode())));
    }

    private static void record(
            io.vertx.core.AsyncResult<Integer> ar, AtomicLong errors, AtomicLong bytes) {
        if (ar.succeeded()) {
            bytes.addAndGet(ar.result());
        } else {
            errors.incrementAndGet();
        }
    }

    private static Result result(long[] latencies, int n, long errors, double seconds, long bytes) {
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        return new Result(
                n,
                errors,
                seconds,
                bytes,
                percentile(sorted, 0.50),
                percentile(sorted, 0.99),
                n == 0 ? 0 : sorted[n - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static void await(Future<Void> future, double seconds) {
        try {
            future.toCompletionStage()
                    .toCompletableFuture()
                    .get((long) (seconds * 1000), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("load point did not finish: " + e, e);
        }
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
