package dev.lectern.transcode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lectern.catalog.RenditionSet;
import dev.lectern.catalog.RenditionSet.AudioOutput;
import dev.lectern.catalog.RenditionSet.VideoOutput;
import dev.lectern.testkit.TestMedia;
import dev.lectern.transcode.packaging.MediaPlaylist;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Assertions every transcode output must pass, measured with ffprobe and parsers. */
final class OutputChecks {
    private static final Pattern ATTRIBUTE = Pattern.compile("([A-Z-]+)=(\"[^\"]*\"|[^,]*)");

    private OutputChecks() {}

    /** A rendition's init segment and media segments joined: one fragmented MP4 to probe. */
    static Path track(Path output, String playlist) {
        MediaPlaylist parsed = MediaPlaylist.read(output.resolve(playlist));
        Path joined = output.getParent().resolve(playlist.replace('/', '-') + ".mp4");
        try (OutputStream out = Files.newOutputStream(joined)) {
            Files.copy(parsed.directory().resolve(parsed.initSegment()), out);
            for (MediaPlaylist.Segment s : parsed.segments()) {
                Files.copy(parsed.directory().resolve(s.file()), out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return joined;
    }

    static void videoRenditions(Path output, RenditionSet set) {
        List<List<Double>> keyframes = new ArrayList<>();
        for (VideoOutput v : set.video()) {
            Path track = track(output, v.playlist());
            JsonObject stream = Probe.firstStream(track);
            assertThat(stream.getString("codec_name")).isEqualTo("h264");
            assertThat(stream.getString("pix_fmt")).isEqualTo("yuv420p");
            assertThat(stream.getInteger("width")).isEqualTo(v.width());
            assertThat(stream.getInteger("height")).isEqualTo(v.height());
            double fps = rational(stream.getString("avg_frame_rate"));
            assertThat(fps)
                    .as("constant frame rate of " + v.id())
                    .isCloseTo(Double.parseDouble(v.frameRate()), within(0.05));
            assertThat(v.codecs()).startsWith("avc1.64");
            List<Double> times = Probe.keyframeTimes(track);
            keyframes.add(times);
            MediaPlaylist playlist = MediaPlaylist.read(output.resolve(v.playlist()));
            assertThat(times)
                    .as("one keyframe per segment in " + v.id())
                    .hasSize(playlist.segments().size());
            segmentDurations(playlist, set.segmentSeconds());
        }
        for (List<Double> times : keyframes) {
            assertThat(times).hasSameSizeAs(keyframes.getFirst());
            for (int i = 0; i < times.size(); i++) {
                assertThat(times.get(i))
                        .as("keyframe %d aligned across rungs", i)
                        .isCloseTo(keyframes.getFirst().get(i), within(0.001));
                assertThat(times.get(i) - times.getFirst())
                        .as("keyframe %d on a segment boundary", i)
                        .isCloseTo((double) i * set.segmentSeconds(), within(0.001));
            }
        }
    }

    static void segmentDurations(MediaPlaylist playlist, int segmentSeconds) {
        List<MediaPlaylist.Segment> segments = playlist.segments();
        for (int i = 0; i < segments.size() - 1; i++) {
            assertThat(segments.get(i).duration()).isBetween(4.0, 6.1);
        }
        assertThat(segments.getLast().duration()).isLessThanOrEqualTo(segmentSeconds + 0.1);
    }

    static void audioRenditions(Path output, RenditionSet set) {
        for (AudioOutput a : set.audio()) {
            JsonObject stream = Probe.firstStream(track(output, a.playlist()));
            assertThat(stream.getString("codec_name")).isEqualTo("aac");
            assertThat(stream.getString("profile")).isEqualTo("LC");
            assertThat(stream.getInteger("channels")).isEqualTo(a.channels());
            assertThat(stream.getString("sample_rate")).isEqualTo("48000");
            segmentDurations(
                    MediaPlaylist.read(output.resolve(a.playlist())), set.segmentSeconds());
        }
        if (!set.audio().isEmpty()) {
            AudioOutput audioOnly =
                    set.audio().stream()
                            .filter(AudioOutput::audioOnlyVariant)
                            .findFirst()
                            .orElseThrow();
            assertThat(audioOnly.averageBandwidth()).isLessThanOrEqualTo(52_000);
            assertThat(set.audioOnlyPlaylist()).isEqualTo(audioOnly.playlist());
        }
    }

    /** The master playlist's variants and media, each as a map of attributes plus "URI". */
    static List<Map<String, String>> masterEntries(Path output, String tag) throws IOException {
        List<String> lines = Files.readAllLines(output.resolve(RenditionSetPaths.MASTER));
        assertThat(lines.getFirst()).isEqualTo("#EXTM3U");
        List<Map<String, String>> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(tag + ":")) {
                Map<String, String> attributes = new java.util.HashMap<>();
                Matcher m = ATTRIBUTE.matcher(lines.get(i).substring(tag.length() + 1));
                while (m.find()) {
                    attributes.put(m.group(1), m.group(2).replace("\"", ""));
                }
                if (tag.equals("#EXT-X-STREAM-INF")) {
                    attributes.put("URI", lines.get(i + 1));
                }
                entries.add(attributes);
            }
        }
        return entries;
    }

    static void master(Path output, RenditionSet set) throws IOException {
        List<Map<String, String>> variants = masterEntries(output, "#EXT-X-STREAM-INF");
        List<Map<String, String>> media = masterEntries(output, "#EXT-X-MEDIA");
        boolean group = !set.video().isEmpty() && !set.audio().isEmpty();
        assertThat(media).hasSize(group ? 1 : 0);
        for (Map<String, String> variant : variants) {
            assertThat(variant).containsKeys("BANDWIDTH", "AVERAGE-BANDWIDTH", "CODECS");
            assertThat(Long.parseLong(variant.get("BANDWIDTH")))
                    .isGreaterThanOrEqualTo(Long.parseLong(variant.get("AVERAGE-BANDWIDTH")));
            assertThat(output.resolve(variant.get("URI"))).isRegularFile();
            if (variant.get("CODECS").contains("avc1")) {
                assertThat(variant).containsKeys("RESOLUTION", "FRAME-RATE");
                if (group) {
                    assertThat(variant.get("AUDIO")).isEqualTo(media.getFirst().get("GROUP-ID"));
                    assertThat(variant.get("CODECS")).contains("mp4a.40.2");
                } else {
                    assertThat(variant).doesNotContainKey("AUDIO");
                }
            }
        }
        if (group) {
            assertThat(media.getFirst()).containsEntry("TYPE", "AUDIO");
            assertThat(output.resolve(media.getFirst().get("URI"))).isRegularFile();
        }
        long audioOnly = variants.stream().filter(v -> v.get("CODECS").equals("mp4a.40.2")).count();
        assertThat(audioOnly)
                .isEqualTo(
                        set.audio().isEmpty() ? 0 : set.video().isEmpty() ? set.audio().size() : 1);
        assertThat(variants).hasSize((int) (set.video().size() + audioOnly));
    }

    static void dash(Path output, RenditionSet set) throws Exception {
        Document mpd =
                DocumentBuilderFactory.newInstance()
                        .newDocumentBuilder()
                        .parse(output.resolve(RenditionSetPaths.MPD).toFile());
        NodeList representations = mpd.getElementsByTagName("Representation");
        assertThat(representations.getLength()).isEqualTo(set.video().size() + set.audio().size());
        for (int i = 0; i < representations.getLength(); i++) {
            Element representation = (Element) representations.item(i);
            String id = representation.getAttribute("id");
            Element template =
                    (Element) representation.getElementsByTagName("SegmentTemplate").item(0);
            assertThat(output.resolve(template.getAttribute("initialization"))).isRegularFile();
            int number = Integer.parseInt(template.getAttribute("startNumber"));
            NodeList runs = template.getElementsByTagName("S");
            int count = 0;
            for (int r = 0; r < runs.getLength(); r++) {
                Element s = (Element) runs.item(r);
                count += 1 + (s.hasAttribute("r") ? Integer.parseInt(s.getAttribute("r")) : 0);
            }
            String media = template.getAttribute("media");
            for (int n = number; n < number + count; n++) {
                String file = media.replace("$Number%05d$", String.format("%05d", n));
                assertThat(output.resolve(file)).as("DASH segment of " + id).isRegularFile();
            }
            String playlist = id + "/index.m3u8";
            assertThat(count)
                    .isEqualTo(MediaPlaylist.read(output.resolve(playlist)).segments().size());
            assertThat(representation.getAttribute("codecs")).isNotEmpty();
        }
    }

    /** Plays the HLS master back with ffmpeg, which must decode every variant without error. */
    static void playsBack(Path output, boolean video) {
        String stdout =
                Probe.run(
                        List.of(
                                TestMedia.tools().ffmpeg().toString(),
                                "-hide_banner",
                                "-nostdin",
                                "-v",
                                "error",
                                "-xerror",
                                "-protocol_whitelist",
                                "file",
                                "-i",
                                output.resolve(RenditionSetPaths.MASTER).toString(),
                                "-map",
                                video ? "0:v:0" : "0:a:0",
                                "-f",
                                "null",
                                "-",
                                "-progress",
                                "pipe:1"));
        assertThat(stdout).contains("progress=end");
        long frames =
                stdout.lines()
                        .filter(l -> l.startsWith("frame="))
                        .mapToLong(l -> Long.parseLong(l.substring(6).strip()))
                        .max()
                        .orElse(0);
        if (video) {
            assertThat(frames).as("decoded frames").isGreaterThan(0);
        }
    }

    /** Poster, sprite and the WebVTT thumbnails track. */
    static void thumbnails(Path output, RenditionSet set) throws IOException {
        VideoOutput download =
                set.video().stream()
                        .filter(v -> Math.min(v.width(), v.height()) <= 720)
                        .findFirst()
                        .orElse(set.video().getLast());
        JsonObject poster = Probe.firstStream(output.resolve(set.poster()));
        assertThat(poster.getString("codec_name")).isEqualTo("mjpeg");
        assertThat(poster.getInteger("width")).isEqualTo(download.width());
        JsonObject sprite = Probe.firstStream(output.resolve(set.thumbnails().sprite()));
        assertThat(sprite.getInteger("width") % set.thumbnails().width()).isZero();
        assertThat(sprite.getInteger("height") % set.thumbnails().height()).isZero();
        String vtt =
                Files.readString(output.resolve(set.thumbnails().vtt()), StandardCharsets.UTF_8);
        assertThat(vtt).startsWith("WEBVTT");
        long cues = vtt.lines().filter(l -> l.contains("-->")).count();
        assertThat(cues).isEqualTo(set.thumbnails().count());
        assertThat(vtt)
                .contains(
                        "sprite.jpg#xywh=0,0,"
                                + set.thumbnails().width()
                                + ","
                                + set.thumbnails().height());
    }

    /** Downloads: a progressive MP4 with its index first, and an M4A. */
    static void downloads(Path output, RenditionSet set, double duration) throws IOException {
        if (set.downloads().video() != null) {
            Path mp4 = output.resolve(set.downloads().video());
            JsonObject probe = Probe.streams(mp4);
            assertThat(probe.getJsonObject("format").getString("duration")).isNotNull();
            assertThat(Double.parseDouble(probe.getJsonObject("format").getString("duration")))
                    .isCloseTo(duration, within(0.5));
            assertThat(probe.getJsonArray("streams")).hasSize(set.audio().isEmpty() ? 1 : 2);
            byte[] bytes = Files.readAllBytes(mp4);
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            assertThat(text.indexOf("moov"))
                    .as("faststart: index before media")
                    .isLessThan(text.indexOf("mdat"));
            assertThat(text.indexOf("moof")).as("progressive, not fragmented").isEqualTo(-1);
        }
        if (set.downloads().audio() != null) {
            JsonObject stream = Probe.firstStream(output.resolve(set.downloads().audio()));
            assertThat(stream.getString("codec_name")).isEqualTo("aac");
        }
    }

    static double rational(String value) {
        String[] parts = value.split("/");
        return Double.parseDouble(parts[0]) / Double.parseDouble(parts[1]);
    }
}
