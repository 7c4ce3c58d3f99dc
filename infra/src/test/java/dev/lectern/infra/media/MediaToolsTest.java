package dev.lectern.infra.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestMedia;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The bundled ffmpeg and ffprobe")
class MediaToolsTest {

    @Test
    @DisplayName("are found without a system ffmpeg and include libx264")
    void located() {
        MediaTools tools = TestMedia.tools();
        assertThat(tools.version()).startsWith("ffmpeg version");
        assertThat(Files.isExecutable(tools.ffmpeg())).isTrue();
        assertThat(Files.isExecutable(tools.ffprobe())).isTrue();
        List<String> command = new ArrayList<>(tools.ffmpegCommand());
        command.addAll(List.of("-encoders"));
        command.set(command.indexOf("error"), "quiet");
        ProcessResult encoders =
                ProcessRunner.run(
                        MediaTools.processBuilder(command), Duration.ofSeconds(20), 1 << 20);
        assertThat(encoders.stdout()).contains("libx264").contains("aac");
    }

    @Test
    @DisplayName("encode a generated clip that ffprobe reads back with the expected streams")
    void encodeAndProbe() {
        Path clip = TestMedia.videoWithTone(TestDirs.create("media"), "clip.mp4", 320, 180, 25, 2);
        JsonObject probe = new JsonObject(TestMedia.probeJson(clip));
        JsonArray streams = probe.getJsonArray("streams");
        JsonObject video = streams.getJsonObject(0);
        assertThat(video.getString("codec_name")).isEqualTo("h264");
        assertThat(video.getInteger("width")).isEqualTo(320);
        assertThat(video.getInteger("height")).isEqualTo(180);
        assertThat(streams.getJsonObject(1).getString("codec_name")).isEqualTo("aac");
        assertThat(Double.parseDouble(probe.getJsonObject("format").getString("duration")))
                .isBetween(1.9, 2.2);
    }

    @Test
    @DisplayName(
            "keep mov's external data references off by default, which the loopback input relies on")
    void movReferencesOff() {
        ProcessResult help =
                ProcessRunner.run(
                        MediaTools.processBuilder(
                                List.of(
                                        TestMedia.tools().ffmpeg().toString(),
                                        "-hide_banner",
                                        "-h",
                                        "demuxer=mov")),
                        Duration.ofSeconds(20),
                        1 << 20);
        assertThat(help.stdout().lines().filter(line -> line.contains("-enable_drefs")))
                .singleElement()
                .asString()
                .endsWith("(default false)");
    }

    @Test
    @DisplayName("reading an upload never follows a playlist to another file")
    void refusesPlaylists() throws Exception {
        Path dir = TestDirs.create("hostile");
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT\n");
        Path playlist =
                Files.writeString(
                        dir.resolve("upload.mp4"),
                        "#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:10.0,\nfile://"
                                + secret
                                + "\n#EXT-X-ENDLIST\n");
        List<String> command = new ArrayList<>(TestMedia.tools().ffmpegCommand());
        command.addAll(MediaTools.inputArgs(playlist));
        command.addAll(
                List.of(
                        "-f",
                        "data",
                        "-map",
                        "0",
                        "-c",
                        "copy",
                        dir.resolve("out.bin").toString()));
        ProcessResult result =
                ProcessRunner.run(
                        MediaTools.processBuilder(command), Duration.ofSeconds(20), 1 << 20);
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stdout() + result.stderrTail()).doesNotContain("TOP-SECRET-CONTENT");
        assertThat(dir.resolve("out.bin"))
                .satisfiesAnyOf(
                        p -> assertThat(p).doesNotExist(),
                        p -> assertThat(Files.readString(p)).doesNotContain("TOP-SECRET"));
    }
}
