package dev.lectern.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.catalog.CatalogSetting;
import dev.lectern.catalog.StorageKeys;
import dev.lectern.testkit.TestHttp;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code LECTERN_MEDIA_DELIVERY=redirect}: objects are handed off to presigned S3 URLs. */
@DisplayName("Media delivery by redirect to presigned S3 URLs")
class MediaRedirectTest {
    private static final byte[] SEGMENT = new byte[300_000];
    private static RunningLectern app;
    private static String student;
    private static UUID lecture;

    @BeforeAll
    static void start() {
        new Random(7).nextBytes(SEGMENT);
        app = new RunningLectern(Map.of(CatalogSetting.MEDIA_DELIVERY.key(), "redirect"));
        String admin = app.adminToken("root");
        student = app.token("sia");
        String course = app.createCourse(admin, "REDIR", "Redirects");
        app.addMember(admin, course, "tom", "teacher");
        app.addMember(admin, course, "sia", "student");
        lecture = app.createLecture(app.token("tom"), course, "Handed off", "published");
        String version = StorageKeys.versionPrefix(lecture, 1);
        put(version + "master.m3u8", "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\n360p/index.m3u8\n");
        put(
                version + "360p/index.m3u8",
                "#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXTINF:6.0,\nseg_00000.m4s\n#EXT-X-ENDLIST\n");
        Blocking.await(
                app.infra()
                        .store
                        .put(
                                version + "360p/seg_00000.m4s",
                                Buffer.buffer(SEGMENT),
                                "video/iso.segment"));
        app.sql(
                "UPDATE lectures SET status = 'ready', last_version = 1, published_version = 1,"
                        + " renditions = $2 WHERE id = $1",
                lecture,
                Renditions.json());
    }

    private static void put(String key, String text) {
        Blocking.await(
                app.infra()
                        .store
                        .put(
                                key,
                                Buffer.buffer(text.getBytes(StandardCharsets.UTF_8)),
                                "application/vnd.apple.mpegurl"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    @DisplayName(
            "playlists are still rewritten by Lectern; segments redirect to a presigned URL that serves exact bytes and ranges")
    void segmentsRedirect() {
        String master =
                app.call("GET", "/api/v1/lectures/" + lecture + "/playback", student, null, 200)
                        .getString("hls");
        TestHttp.Response playlist = app.http.get(master, null);
        assertThat(playlist.status()).isEqualTo(200);
        assertThat(playlist.body()).contains("360p/index.m3u8?token=");
        String token = master.substring(master.indexOf("token=") + 6);
        String segment =
                app.http.baseUrl() + "/media/" + lecture + "/v1/360p/seg_00000.m4s?token=" + token;

        TestHttp.Response redirect = app.http.get(segment, null);
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.header("Cache-Control")).isEqualTo("private, max-age=150");
        String location = redirect.header("Location");
        assertThat(location).contains("X-Amz-Signature=").doesNotContain(token);
        TestHttp.Response whole = app.http.get(location, null);
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.bytes()).isEqualTo(SEGMENT);
        TestHttp.Response range =
                app.http.send("GET", location, null, null, Map.of("Range", "bytes=1000-1999"));
        assertThat(range.status()).isEqualTo(206);
        assertThat(range.bytes()).isEqualTo(Arrays.copyOfRange(SEGMENT, 1000, 2000));

        assertThat(app.http.get(segment.replace("token=", "token=x"), null).status())
                .as("no redirect without a valid media token")
                .isEqualTo(403);
    }
}
