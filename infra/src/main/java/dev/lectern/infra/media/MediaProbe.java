package dev.lectern.infra.media;

import dev.lectern.infra.media.SourceFacts.AudioStreamFacts;
import dev.lectern.infra.media.SourceFacts.DurationSource;
import dev.lectern.infra.media.SourceFacts.VideoFacts;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@link SourceFacts} from a {@link MediaInput} (a file, or a stored object over loopback)
 * with ffprobe. Only facts: deciding whether a source is acceptable is the caller's business.
 * Blocking: call it off the event loop.
 */
public final class MediaProbe {
    private static final Duration PROBE_TIME_LIMIT = Duration.ofSeconds(30);
    private static final Duration PACKET_SCAN_TIME_LIMIT = Duration.ofMinutes(5);
    private static final int MAX_PROBE_OUTPUT = 1 << 20;
    private static final Pattern BIT_DEPTH = Pattern.compile("p(\\d{2})(le|be)?$");
    private static final Pattern CLOCK = Pattern.compile("(\\d+):(\\d{2}):(\\d{2}(?:\\.\\d+)?)");

    private final MediaTools tools;

    public MediaProbe(MediaTools tools) {
        this.tools = tools;
    }

    public SourceFacts probe(MediaInput input) {
        return probe(input, null);
    }

    /**
     * @param measuredSeconds the length already measured from the packets when the file was
     *     accepted, or {@code null}: taken when the header states none, instead of reading every
     *     packet again (which for a browser recording costs time in proportion to its length)
     */
    public SourceFacts probe(MediaInput input, Double measuredSeconds) {
        List<String> command = new ArrayList<>();
        command.addAll(
                List.of(
                        tools.ffprobe().toString(),
                        "-hide_banner",
                        "-v",
                        "error",
                        "-of",
                        "json",
                        "-show_format",
                        "-show_streams"));
        command.addAll(input.args());
        ProcessResult result = run(command, PROBE_TIME_LIMIT);
        if (result.exitCode() != 0) {
            throw new MediaProbeException(
                    MediaProbeException.Reason.UNREADABLE,
                    "ffprobe cannot read the file: " + result.stderrTail().strip());
        }
        JsonObject json;
        try {
            json = new JsonObject(result.stdout());
        } catch (DecodeException e) {
            throw new MediaProbeException(
                    MediaProbeException.Reason.UNREADABLE, "ffprobe gave no readable answer", e);
        }
        return facts(input, json, measuredSeconds);
    }

    private SourceFacts facts(MediaInput input, JsonObject json, Double measuredSeconds) {
        JsonObject format = json.getJsonObject("format", new JsonObject());
        JsonArray streams = json.getJsonArray("streams", new JsonArray());
        VideoFacts video = null;
        List<AudioStreamFacts> audio = new ArrayList<>();
        double longestStream = 0;
        for (int i = 0; i < streams.size(); i++) {
            JsonObject stream = streams.getJsonObject(i);
            String type = stream.getString("codec_type", "");
            boolean attachedPicture =
                    stream.getJsonObject("disposition", new JsonObject())
                                    .getInteger("attached_pic", 0)
                            == 1;
            if (type.equals("video") && video == null && !attachedPicture) {
                video = video(stream);
            } else if (type.equals("audio")) {
                audio.add(audio(stream));
            } else {
                continue;
            }
            longestStream = Math.max(longestStream, streamDuration(stream));
        }
        if (video == null && audio.isEmpty()) {
            throw new MediaProbeException(
                    MediaProbeException.Reason.NO_MEDIA_STREAMS,
                    "the file has neither a video nor an audio stream");
        }
        double duration = number(format.getString("duration"));
        DurationSource source = DurationSource.HEADER;
        if (duration <= 0 && longestStream > 0) {
            duration = longestStream;
            source = DurationSource.STREAM;
        } else if (duration <= 0 && measuredSeconds != null && measuredSeconds > 0) {
            duration = measuredSeconds;
            source = DurationSource.PACKETS;
        } else if (duration <= 0) {
            duration = scanPackets(input);
            source = DurationSource.PACKETS;
        }
        return new SourceFacts(
                format.getString("format_name", "unknown"),
                duration,
                source,
                video,
                audio,
                SourceFacts.chooseAudio(audio),
                (long) number(format.getString("size")));
    }

    private static VideoFacts video(JsonObject stream) {
        String pixelFormat = stream.getString("pix_fmt", "unknown");
        double average = rational(stream.getString("avg_frame_rate"));
        double base = rational(stream.getString("r_frame_rate"));
        return new VideoFacts(
                stream.getInteger("index", 0),
                stream.getString("codec_name", "unknown"),
                stream.getString("profile"),
                stream.getInteger("width", 0),
                stream.getInteger("height", 0),
                rotation(stream),
                pixelFormat,
                bitDepth(stream, pixelFormat),
                average,
                base,
                isVariable(average, base));
    }

    private static AudioStreamFacts audio(JsonObject stream) {
        JsonObject tags = stream.getJsonObject("tags", new JsonObject());
        String language = tags.getString("language");
        if (language == null || language.isBlank() || language.equals("und")) {
            language = null;
        }
        return new AudioStreamFacts(
                stream.getInteger("index", 0),
                stream.getString("codec_name", "unknown"),
                stream.getInteger("channels", 0),
                stream.getString("channel_layout"),
                (int) number(stream.getString("sample_rate")),
                language,
                stream.getJsonObject("disposition", new JsonObject()).getInteger("default", 0)
                        == 1);
    }

    /**
     * Frames are not evenly spaced when the average rate differs from the base rate by more than
     * 2 %, or when either is unknown or implausible (a millisecond time base shows up as 1000 fps).
     */
    static boolean isVariable(double average, double base) {
        if (average <= 0 || base <= 0 || base > 240) {
            return true;
        }
        return Math.abs(base - average) / base > 0.02;
    }

    private static int rotation(JsonObject stream) {
        JsonArray sideData = stream.getJsonArray("side_data_list", new JsonArray());
        for (int i = 0; i < sideData.size(); i++) {
            JsonObject entry = sideData.getJsonObject(i);
            if (entry.containsKey("rotation")) {
                int degrees = (int) Math.round(number(String.valueOf(entry.getValue("rotation"))));
                return ((degrees % 360) + 360) % 360;
            }
        }
        return 0;
    }

    private static int bitDepth(JsonObject stream, String pixelFormat) {
        int raw = (int) number(stream.getString("bits_per_raw_sample"));
        if (raw > 0) {
            return raw;
        }
        Matcher matcher = BIT_DEPTH.matcher(pixelFormat);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 8;
    }

    /** A stream's duration from its header field or, in Matroska, its DURATION tag. */
    private static double streamDuration(JsonObject stream) {
        double seconds = number(stream.getString("duration"));
        if (seconds > 0) {
            return seconds;
        }
        String tag = stream.getJsonObject("tags", new JsonObject()).getString("DURATION");
        if (tag != null) {
            Matcher clock = CLOCK.matcher(tag);
            if (clock.matches()) {
                return Integer.parseInt(clock.group(1)) * 3600
                        + Integer.parseInt(clock.group(2)) * 60
                        + Double.parseDouble(clock.group(3));
            }
        }
        return 0;
    }

    /**
     * The duration of a file whose header and streams do not say (a browser's MediaRecorder WebM):
     * ffmpeg copies every packet to nowhere and reports the last timestamp it reached.
     */
    private double scanPackets(MediaInput input) {
        List<String> command = new ArrayList<>(tools.ffmpegCommand());
        command.addAll(List.of("-progress", "pipe:1", "-stats_period", "3600"));
        command.addAll(input.args());
        command.addAll(List.of("-map", "0:v?", "-map", "0:a?", "-c", "copy", "-f", "null", "-"));
        ProcessResult result = run(command, PACKET_SCAN_TIME_LIMIT);
        double seconds = 0;
        for (String line : result.stdout().lines().toList()) {
            if (line.startsWith("out_time_us=")) {
                seconds = Math.max(seconds, number(line.substring(12)) / 1_000_000);
            }
        }
        if (result.exitCode() != 0 || seconds <= 0) {
            throw new MediaProbeException(
                    MediaProbeException.Reason.UNREADABLE,
                    "the file's duration cannot be measured: " + result.stderrTail().strip());
        }
        return seconds;
    }

    private static ProcessResult run(List<String> command, Duration limit) {
        try {
            return ProcessRunner.run(MediaTools.processBuilder(command), limit, MAX_PROBE_OUTPUT);
        } catch (ProcessRunner.TimeoutException e) {
            throw new MediaProbeException(
                    MediaProbeException.Reason.TIMEOUT,
                    "probing took longer than " + limit.toSeconds() + " s",
                    e);
        }
    }

    /** "30000/1001" as a number; 0 for "0/0", missing or malformed values. */
    static double rational(String value) {
        if (value == null) {
            return 0;
        }
        int slash = value.indexOf('/');
        if (slash < 0) {
            return number(value);
        }
        double denominator = number(value.substring(slash + 1));
        return denominator == 0 ? 0 : number(value.substring(0, slash)) / denominator;
    }

    private static double number(String value) {
        if (value == null || value.isBlank() || value.equals("N/A")) {
            return 0;
        }
        try {
            double parsed = Double.parseDouble(value.strip());
            return Double.isFinite(parsed) ? parsed : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
