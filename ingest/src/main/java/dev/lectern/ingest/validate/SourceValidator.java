package dev.lectern.ingest.validate;

import dev.lectern.catalog.lifecycle.SourceSummary;
import dev.lectern.infra.media.MediaTools;
import dev.lectern.infra.media.ProcessResult;
import dev.lectern.infra.media.ProcessRunner;
import dev.lectern.ingest.IngestConfig;
import dev.lectern.ingest.IngestProblem;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a complete source can be processed, from one bounded ffprobe run. ffprobe reads
 * the file only through {@link MediaTools#inputArgs} (file protocol, real containers only), and its
 * output never reaches the caller: rejections carry our own sentences, so a hostile file cannot
 * make Lectern echo a local file back. Blocking: call it off the event loop.
 */
public final class SourceValidator {
    private static final Duration PROBE_LIMIT = Duration.ofSeconds(60);
    private static final Set<String> PLAYABLE = Set.of("video", "audio");

    private final MediaTools tools;
    private final IngestConfig limits;

    public SourceValidator(MediaTools tools, IngestConfig limits) {
        this.tools = tools;
        this.limits = limits;
    }

    public Verdict validate(Path file) throws java.io.IOException {
        long size = Files.size(file);
        if (size == 0) {
            return reject(IngestProblem.EMPTY_FILE, "The uploaded file has no content.");
        }
        if (size > limits.maxUploadBytes()) {
            return reject(
                    IngestProblem.TOO_LARGE,
                    "The file is larger than " + limits.maxUploadBytes() / (1024 * 1024) + " MiB.");
        }
        List<String> command = new ArrayList<>();
        command.addAll(List.of(tools.ffprobe().toString(), "-hide_banner", "-v", "error"));
        command.addAll(MediaTools.inputArgs(file));
        command.addAll(List.of("-show_format", "-show_streams", "-of", "json"));
        ProcessResult result;
        try {
            result =
                    ProcessRunner.run(
                            MediaTools.processBuilder(command), PROBE_LIMIT, 4 * 1024 * 1024);
        } catch (ProcessRunner.TimeoutException e) {
            return reject(IngestProblem.CORRUPT_MEDIA, "Reading the file took too long.");
        }
        if (result.exitCode() != 0) {
            return probeFailed(result.stderrTail(), looksLikeIsoMedia(file));
        }
        if (result.stderrTail().contains("Picture size")
                && result.stderrTail().contains("invalid")) {
            // ffmpeg refuses pictures whose pixel count overflows its own limits and reports the
            // stream as 0x0; the header's claim is still what the file says.
            return reject(
                    IngestProblem.DIMENSIONS_TOO_LARGE,
                    "The picture is larger than can be processed; at most "
                            + limits.maxDimension()
                            + " pixels per side are accepted.");
        }
        JsonObject probe;
        try {
            probe = new JsonObject(result.stdout());
        } catch (DecodeException e) {
            return reject(IngestProblem.CORRUPT_MEDIA, "The file could not be read.");
        }
        return judge(probe, file);
    }

    /** Turns the error ffprobe printed into a code; its text is only matched, never returned. */
    private static Verdict probeFailed(String stderr, boolean isoMedia) {
        if (isoMedia && stderr.contains("moov atom not found") || stderr.contains("Truncat")) {
            return reject(
                    IngestProblem.CORRUPT_MEDIA,
                    "The file is incomplete or damaged: it looks like a recording that was not"
                            + " finished or was cut off while copying.");
        }
        return reject(
                IngestProblem.NOT_MEDIA,
                "The file is not a video or audio recording in a format Lectern reads.");
    }

    /**
     * Whether the file starts like an MP4/MOV (an ISO media box). ffprobe says "moov atom not
     * found" for any file named .mp4, so this tells a cut-off recording from renamed text.
     */
    private static boolean looksLikeIsoMedia(Path file) throws java.io.IOException {
        try (var in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(8);
            if (head.length < 8) {
                return false;
            }
            String box = new String(head, 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            return Set.of("ftyp", "mdat", "moov", "free", "skip", "wide").contains(box);
        }
    }

    private Verdict judge(JsonObject probe, Path file) throws java.io.IOException {
        JsonObject format = probe.getJsonObject("format", new JsonObject());
        JsonArray streams = probe.getJsonArray("streams", new JsonArray());
        List<JsonObject> playable = new ArrayList<>();
        int maxWidth = 0;
        int maxHeight = 0;
        for (int i = 0; i < streams.size(); i++) {
            JsonObject stream = streams.getJsonObject(i);
            String type = stream.getString("codec_type", "");
            boolean picture =
                    stream.getJsonObject("disposition", new JsonObject())
                                    .getInteger("attached_pic", 0)
                            == 1;
            if (PLAYABLE.contains(type) && !picture && stream.containsKey("codec_name")) {
                playable.add(stream);
                maxWidth = Math.max(maxWidth, stream.getInteger("width", 0));
                maxHeight = Math.max(maxHeight, stream.getInteger("height", 0));
            }
        }
        if (playable.isEmpty()) {
            return reject(
                    IngestProblem.NO_PLAYABLE_STREAM,
                    "The file contains no audio or video that can be played.");
        }
        if (maxWidth > limits.maxDimension() || maxHeight > limits.maxDimension()) {
            return reject(
                    IngestProblem.DIMENSIONS_TOO_LARGE,
                    "The picture is "
                            + maxWidth
                            + "x"
                            + maxHeight
                            + " pixels; at most "
                            + limits.maxDimension()
                            + " pixels per side are accepted.");
        }
        double duration = duration(format, playable);
        if (!(duration > 0)) {
            // A recording written while it was made (a browser's MediaRecorder) states no
            // length: it is as long as its packets reach.
            duration = PacketDuration.measure(tools, file, PROBE_LIMIT);
        }
        if (!(duration > 0)) {
            return reject(
                    IngestProblem.CORRUPT_MEDIA, "The recording's length cannot be determined.");
        }
        if (duration > limits.maxDuration().toSeconds()) {
            return reject(
                    IngestProblem.DURATION_TOO_LONG,
                    "The recording is "
                            + Math.round(duration / 60)
                            + " minutes long; at most "
                            + limits.maxDuration().toHours()
                            + " hours are accepted.");
        }
        return new Verdict.Accepted(
                new SourceSummary(
                        format.getString("format_name"),
                        duration,
                        playable.stream().map(SourceValidator::summary).toList()));
    }

    private static double duration(JsonObject format, List<JsonObject> streams) {
        double best = parse(format.getString("duration"));
        for (JsonObject stream : streams) {
            best = Math.max(best, parse(stream.getString("duration")));
        }
        return best;
    }

    private static double parse(String value) {
        try {
            return value == null ? 0 : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The facts worth keeping from one stream, without tags a file could fill with anything. */
    private static SourceSummary.Stream summary(JsonObject stream) {
        Integer rotation = null;
        JsonArray sideData = stream.getJsonArray("side_data_list", new JsonArray());
        for (int i = 0; i < sideData.size(); i++) {
            Object value = sideData.getJsonObject(i).getValue("rotation");
            if (value instanceof Number number) {
                rotation = number.intValue();
            }
        }
        return new SourceSummary.Stream(
                stream.getInteger("index"),
                stream.getString("codec_type"),
                stream.getString("codec_name"),
                stream.getInteger("width"),
                stream.getInteger("height"),
                stream.getInteger("channels"),
                stream.getString("sample_rate"),
                stream.getString("avg_frame_rate"),
                stream.getString("r_frame_rate"),
                rotation);
    }

    private static Verdict reject(IngestProblem code, String message) {
        return new Verdict.Rejected(code, message);
    }
}
