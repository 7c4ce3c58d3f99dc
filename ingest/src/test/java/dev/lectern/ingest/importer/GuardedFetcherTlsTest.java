package dev.lectern.ingest.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.testkit.TestDirs;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyStoreOptions;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * HTTPS imports: the fetcher connects to the address the guard vetted, yet TLS is checked against
 * the URL's host name, which it also sends as SNI and Host. Origins on loopback with certificates
 * made by keytool stand in for a media host; the client trusts them as it would a public CA.
 */
@DisplayName("URL imports over HTTPS")
class GuardedFetcherTlsTest {
    static final String PASSWORD = "changeit";
    static final byte[] FILE = "not really a video".getBytes();

    static Vertx vertx;
    static Path dir;
    static HttpServer rightName;
    static HttpServer wrongName;
    static final List<String> serverNames = new CopyOnWriteArrayList<>();
    static final List<String> hosts = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        dir = TestDirs.create("tls");
        rightName = origin(keyStore("media.test"));
        wrongName = origin(keyStore("elsewhere.test"));
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
    }

    /** A PKCS12 store with a self-signed certificate for {@code name}. */
    static KeyStoreOptions keyStore(String name) throws Exception {
        Path store = dir.resolve(name + ".p12");
        Process keytool =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "keytool")
                                        .toString(),
                                "-genkeypair",
                                "-alias",
                                name,
                                "-keyalg",
                                "EC",
                                "-groupname",
                                "secp256r1",
                                "-dname",
                                "CN=" + name,
                                "-ext",
                                "SAN=dns:" + name,
                                "-validity",
                                "2",
                                "-storetype",
                                "PKCS12",
                                "-keystore",
                                store.toString(),
                                "-storepass",
                                PASSWORD)
                        .redirectErrorStream(true)
                        .start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS), "keytool hung");
        assertEquals(0, keytool.exitValue(), output);
        return new KeyStoreOptions()
                .setType("PKCS12")
                .setPath(store.toString())
                .setPassword(PASSWORD);
    }

    static HttpServer origin(KeyStoreOptions certificate) {
        return vertx.createHttpServer(
                        new HttpServerOptions()
                                .setSsl(true)
                                .setSni(true)
                                .setKeyCertOptions(certificate))
                .requestHandler(
                        request -> {
                            serverNames.add(
                                    String.valueOf(request.connection().indicatedServerName()));
                            hosts.add(request.getHeader("Host"));
                            request.response().end(io.vertx.core.buffer.Buffer.buffer(FILE));
                        })
                .listen(0, "127.0.0.1")
                .await();
    }

    /** A fetcher whose "DNS" sends media.test to loopback, which the allow-list permits. */
    static GuardedFetcher fetcher(HttpServer server, KeyStoreOptions trusted) {
        AllowList allowed = new AllowList(List.of("media.test:" + server.actualPort()));
        UrlGuard guard =
                new UrlGuard(
                        allowed, host -> new InetAddress[] {InetAddress.getByName("127.0.0.1")});
        HttpClient client =
                vertx.createHttpClient(
                        GuardedFetcher.clientOptions(Duration.ofSeconds(5), Duration.ofSeconds(5))
                                .setTrustOptions(trusted));
        return new GuardedFetcher(
                vertx, client, guard, Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    static URI url(HttpServer server) {
        return URI.create("https://media.test:" + server.actualPort() + "/talk.mp4");
    }

    @Test
    @DisplayName("a certificate for the URL's host is accepted; the name goes out as SNI and Host")
    void verifiedByName() throws Exception {
        var response =
                fetcher(rightName, keyStore("media.test-trust"))
                        .get(url(rightName), MultiMap.caseInsensitiveMultiMap(), null);
        assertThrows(Exception.class, response::await, "a certificate nobody trusts");
        KeyStoreOptions same =
                new KeyStoreOptions()
                        .setType("PKCS12")
                        .setPath(dir.resolve("media.test.p12").toString())
                        .setPassword(PASSWORD);
        var body =
                fetcher(rightName, same)
                        .get(url(rightName), MultiMap.caseInsensitiveMultiMap(), null)
                        .compose(r -> r.body())
                        .await();
        assertEquals(new String(FILE), body.toString());
        assertEquals("media.test", serverNames.getLast());
        assertEquals("media.test:" + rightName.actualPort(), hosts.getLast());
    }

    @Test
    @DisplayName(
            "a trusted certificate for another name is refused: the vetted IP does not stand in for the host")
    void wrongNameRefused() {
        KeyStoreOptions trusted =
                new KeyStoreOptions()
                        .setType("PKCS12")
                        .setPath(dir.resolve("elsewhere.test.p12").toString())
                        .setPassword(PASSWORD);
        int before = hosts.size();
        Exception refused =
                assertThrows(
                        Exception.class,
                        () ->
                                fetcher(wrongName, trusted)
                                        .get(
                                                url(wrongName),
                                                MultiMap.caseInsensitiveMultiMap(),
                                                null)
                                        .await());
        assertEquals(before, hosts.size(), "no request reached the origin: " + refused);
    }
}
