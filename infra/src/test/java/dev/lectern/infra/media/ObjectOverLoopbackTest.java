package dev.lectern.infra.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.infra.storage.S3ObjectStore;
import dev.lectern.testkit.TestMedia;
import dev.lectern.testkit.TestStorage;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A stored object served over loopback")
class ObjectOverLoopbackTest {
    static final int SIZE = 300_000;
    static final HttpClient CLIENT =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static Vertx vertx;
    static S3ObjectStore store;
    static byte[] content;

    @BeforeAll
    static void connect() throws Exception {
        vertx = Vertx.vertx();
        store = S3ObjectStore.connect(vertx, TestStorage.freshBucket()).await();
        content = new byte[SIZE];
        new Random(7).nextBytes(content);
        store.put("objects/recording", Buffer.buffer(content), "video/mp4").await();
    }

    @AfterAll
    static void close() throws Exception {
        store.close();
        vertx.close().await();
    }

    static ObjectOverLoopback open(String key) {
        return ObjectOverLoopback.open(vertx, store, key).await().orElseThrow();
    }

    static HttpResponse<byte[]> send(String method, String url, String range) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .timeout(Duration.ofSeconds(10));
        if (range != null) {
            request.header("Range", range);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    @DisplayName("answers GET and HEAD whole or by one byte range, and 416 past the end")
    void ranges() throws Exception {
        ObjectOverLoopback served = open("objects/recording");
        try {
            String url = served.url();
            var whole = send("GET", url, null);
            assertThat(whole.statusCode()).isEqualTo(200);
            assertThat(whole.body()).isEqualTo(content);
            assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
            assertThat(whole.headers().firstValue("Content-Length")).hasValue("" + SIZE);

            var middle = send("GET", url, "bytes=1000-1999");
            assertThat(middle.statusCode()).isEqualTo(206);
            assertThat(middle.headers().firstValue("Content-Range"))
                    .hasValue("bytes 1000-1999/" + SIZE);
            assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(content, 1000, 2000));

            var tail = send("GET", url, "bytes=" + (SIZE - 500) + "-");
            assertThat(tail.statusCode()).isEqualTo(206);
            assertThat(tail.headers().firstValue("Content-Range"))
                    .hasValue("bytes " + (SIZE - 500) + "-" + (SIZE - 1) + "/" + SIZE);
            assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(content, SIZE - 500, SIZE));

            var past = send("GET", url, "bytes=" + SIZE + "-");
            assertThat(past.statusCode()).isEqualTo(416);
            assertThat(past.headers().firstValue("Content-Range")).hasValue("bytes */" + SIZE);

            var head = send("HEAD", url, null);
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.headers().firstValue("Content-Length")).hasValue("" + SIZE);
            assertThat(head.headers().firstValue("Accept-Ranges")).hasValue("bytes");
            assertThat(head.body()).isEmpty();
            var headRange = send("HEAD", url, "bytes=10-19");
            assertThat(headRange.statusCode()).isEqualTo(206);
            assertThat(headRange.headers().firstValue("Content-Length")).hasValue("10");

            assertThat(bytesSentSettled(served)).isEqualTo(SIZE + 1000 + 500);
        } finally {
            served.close().await();
        }
    }

    @Test
    @DisplayName("answers only its own random path and only GET and HEAD")
    void onlyItsPath() throws Exception {
        ObjectOverLoopback served = open("objects/recording");
        ObjectOverLoopback other = open("objects/recording");
        try {
            URI url = URI.create(served.url());
            String token = url.getPath().substring(1);
            // 24 random bytes in base64url: 192 bits, and a new token for every server.
            assertThat(token).matches("[A-Za-z0-9_-]{32}");
            assertThat(URI.create(other.url()).getPath()).isNotEqualTo(url.getPath());
            assertThat(URI.create(other.url()).getPort()).isNotEqualTo(url.getPort());
            String root = "http://127.0.0.1:" + url.getPort();
            assertThat(send("GET", root + "/", null).statusCode()).isEqualTo(404);
            assertThat(send("GET", root + "/" + token.substring(1), null).statusCode())
                    .isEqualTo(404);
            assertThat(send("GET", root + URI.create(other.url()).getPath(), null).statusCode())
                    .isEqualTo(404);
            assertThat(send("HEAD", root + "/x" + token, null).statusCode()).isEqualTo(404);
            var post = send("POST", served.url(), null);
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
            assertThat(send("PUT", served.url(), null).statusCode()).isEqualTo(405);
            assertThat(served.bytesSent()).isZero();
        } finally {
            served.close().await();
            other.close().await();
        }
    }

    @Test
    @DisplayName("listens on 127.0.0.1 only, and not at all once closed")
    void loopbackOnlyAndClosed() throws Exception {
        ObjectOverLoopback served = open("objects/recording");
        URI url = URI.create(served.url());
        assertThat(url.getHost()).isEqualTo("127.0.0.1");
        assertThat(served.args())
                .containsSubsequence("-protocol_whitelist", "http,tcp")
                .containsSubsequence("-format_whitelist", MediaTools.MEDIA_DEMUXERS)
                .endsWith("-i", served.url());
        List<InetAddress> outside = nonLoopbackAddresses();
        assertThat(outside).as("a non-loopback address to try").isNotEmpty();
        for (InetAddress address : outside) {
            assertThatThrownBy(() -> connect(address, url.getPort()))
                    .isInstanceOf(ConnectException.class);
        }
        assertThat(send("GET", served.url(), "bytes=0-0").statusCode()).isEqualTo(206);
        served.close().await();
        assertThatThrownBy(() -> send("GET", served.url(), null))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    @DisplayName("is not opened for an object that does not exist")
    void missing() {
        Optional<ObjectOverLoopback> served =
                ObjectOverLoopback.open(vertx, store, "objects/none").await();
        assertThat(served).isEmpty();
    }

    @Test
    @DisplayName(
            "an uploaded HLS playlist or DASH manifest naming another served object is refused, and that object is never read")
    void refusesManifests() throws Exception {
        byte[] secret = "TOP-SECRET-CONTENT\n".getBytes(StandardCharsets.US_ASCII);
        store.put("objects/secret", Buffer.buffer(secret), "text/plain").await();
        ObjectOverLoopback secretServed = open("objects/secret");
        try {
            String playlist =
                    "#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:10.0,\n"
                            + secretServed.url()
                            + "\n#EXTINF:10.0,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n";
            // ffmpeg's dash demuxer opens this one's BaseURL whatever the input is called:
            // only the format whitelist stands between it and any HTTP service it can reach.
            String manifest =
                    """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static"
                      profiles="urn:mpeg:dash:profile:isoff-on-demand:2011"
                      mediaPresentationDuration="PT10S" minBufferTime="PT1S">
                     <Period><AdaptationSet mimeType="video/mp4">
                      <Representation id="1" bandwidth="1000"><BaseURL>%s</BaseURL></Representation>
                     </AdaptationSet></Period>
                    </MPD>
                    """
                            .formatted(secretServed.url());
            for (String hostile : List.of(playlist, manifest)) {
                store.put("objects/upload.mp4", Buffer.buffer(hostile), "video/mp4").await();
                ObjectOverLoopback upload = open("objects/upload.mp4");
                try {
                    List<String> command =
                            new ArrayList<>(
                                    List.of(
                                            TestMedia.tools().ffprobe().toString(),
                                            "-v",
                                            "error",
                                            "-show_packets",
                                            "-show_data"));
                    command.addAll(upload.args());
                    ProcessResult result =
                            ProcessRunner.run(
                                    MediaTools.processBuilder(command),
                                    Duration.ofSeconds(20),
                                    1 << 20);
                    assertThat(result.exitCode()).isNotZero();
                    assertThat(result.stdout() + result.stderrTail())
                            .doesNotContain("TOP-SECRET")
                            .doesNotContain("root:");
                    assertThat(bytesSentSettled(upload)).isPositive();
                } finally {
                    upload.close().await();
                }
            }
            assertThat(bytesSentSettled(secretServed)).isZero();
        } finally {
            secretServed.close().await();
        }
    }

    /** The count once the last body's pipe has finished (just after its reader got the end). */
    private static long bytesSentSettled(ObjectOverLoopback served) throws InterruptedException {
        long seen = -1;
        for (int i = 0; i < 40 && seen != served.bytesSent(); i++) {
            seen = served.bytesSent();
            Thread.sleep(50);
        }
        return seen;
    }

    private static List<InetAddress> nonLoopbackAddresses() throws IOException {
        List<InetAddress> found = new ArrayList<>();
        for (NetworkInterface face : NetworkInterface.networkInterfaces().toList()) {
            if (face.isUp() && !face.isLoopback()) {
                face.inetAddresses().filter(a -> a instanceof Inet4Address).forEach(found::add);
            }
        }
        return found;
    }

    private static void connect(InetAddress address, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
        }
    }
}
