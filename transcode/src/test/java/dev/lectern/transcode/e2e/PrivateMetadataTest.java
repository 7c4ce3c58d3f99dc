package dev.lectern.transcode.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.catalog.RenditionSet;
import dev.lectern.testkit.TestDirs;
import dev.lectern.testkit.TestMedia;
import dev.lectern.transcode.ProgressListener;
import dev.lectern.transcode.TranscodeResult;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Published media carries no personal metadata")
class PrivateMetadataTest {

    /** What a phone writes about where, on what and when a video was taken. */
    private static final List<String> PERSONAL =
            List.of(
                    "-metadata",
                    "location=+48.8584+002.2945+035.000/",
                    "-metadata",
                    "location-eng=+48.8584+002.2945+035.000/",
                    "-metadata",
                    "com.apple.quicktime.location.ISO6709=+48.8584+002.2945+035.000/",
                    "-metadata",
                    "com.apple.quicktime.make=Apple",
                    "-metadata",
                    "com.apple.quicktime.model=iPhone 15 Pro",
                    "-metadata",
                    "make=Apple",
                    "-metadata",
                    "model=iPhone 15 Pro",
                    "-metadata",
                    "creation_time=2019-05-01T10:00:00Z",
                    "-metadata:s:v",
                    "creation_time=2019-05-01T10:00:00Z",
                    "-metadata:s:a",
                    "creation_time=2019-05-01T10:00:00Z");

    @Test
    @DisplayName(
            "a phone video's location, device and recording time reach no rendition, init segment,"
                    + " download or picture")
    void phoneMetadataStripped() throws Exception {
        Path dir = TestDirs.create("private-metadata");
        Path phone = dir.resolve("phone.mov");
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "-f",
                                "lavfi",
                                "-i",
                                "testsrc2=size=640x360:rate=30",
                                "-f",
                                "lavfi",
                                "-i",
                                "sine=sample_rate=48000",
                                "-t",
                                "4",
                                "-c:v",
                                "libx264",
                                "-preset",
                                "ultrafast",
                                "-c:a",
                                "aac",
                                "-movflags",
                                "use_metadata_tags"));
        args.addAll(PERSONAL);
        args.add(phone.toString());
        TestMedia.ffmpeg(args);
        assertThat(TestMedia.probeJson(phone))
                .as("the source really carries them")
                .contains("+48.8584", "iPhone 15 Pro", "2019-05-01");

        TranscodeResult result = Transcodes.run(phone, dir.resolve("work"), ProgressListener.NONE);
        RenditionSet set = result.renditions();
        List<Path> published;
        try (Stream<Path> files = Files.walk(result.outputDir())) {
            published =
                    files.filter(Files::isRegularFile)
                            .filter(f -> !f.toString().endsWith(".m3u8"))
                            .filter(f -> !f.toString().endsWith(".vtt"))
                            .filter(f -> !f.toString().endsWith(".mpd"))
                            // Media segments hold frames only; what describes a track is in
                            // its init segment, probed on its own.
                            .filter(f -> !f.toString().endsWith(".m4s"))
                            .toList();
        }
        assertThat(published).as("renditions, downloads and pictures").hasSizeGreaterThan(5);
        assertThat(set.downloads().video()).isNotNull();
        for (Path file : published) {
            assertThat(tags(file))
                    .as("%s", result.outputDir().relativize(file))
                    .noneMatch(tag -> tag.contains("location"))
                    .noneMatch(tag -> tag.contains("make") || tag.contains("model"))
                    .noneMatch(tag -> tag.contains("48.8584") || tag.contains("iPhone"))
                    .noneMatch(tag -> tag.contains("2019-05-01"));
        }
    }

    /** Every metadata tag of a file and its streams, as "key=value", lower case. */
    private static List<String> tags(Path file) {
        JsonObject probe = new JsonObject(TestMedia.probeJson(file));
        List<JsonObject> holders = new ArrayList<>();
        holders.add(probe.getJsonObject("format", new JsonObject()));
        probe.getJsonArray("streams").forEach(stream -> holders.add((JsonObject) stream));
        List<String> tags = new ArrayList<>();
        for (JsonObject holder : holders) {
            holder.getJsonObject("tags", new JsonObject())
                    .forEach(
                            tag ->
                                    tags.add(
                                            (tag.getKey() + "=" + tag.getValue())
                                                    .toLowerCase(java.util.Locale.ROOT)));
        }
        return tags;
    }
}
