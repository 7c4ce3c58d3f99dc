package dev.lectern.infra.media;

import dev.lectern.infra.config.ConfigException;
import dev.lectern.infra.config.InfraConfig.MediaToolsConfig;
import dev.lectern.infra.config.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.bytedeco.javacpp.Loader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ffmpeg and ffprobe executables, found once at start. By default they are the GPL builds
 * bundled in the bytedeco jars (libx264 included), so no system ffmpeg is needed.
 */
public record MediaTools(Path ffmpeg, Path ffprobe, String version) {
    private static final Logger LOG = LoggerFactory.getLogger(MediaTools.class);

    public static MediaTools locate(MediaToolsConfig config) {
        Path ffmpeg = resolve(config.ffmpeg(), Setting.FFMPEG, org.bytedeco.ffmpeg.ffmpeg.class);
        Path ffprobe =
                resolve(config.ffprobe(), Setting.FFPROBE, org.bytedeco.ffmpeg.ffprobe.class);
        String version = versionOf(ffmpeg);
        versionOf(ffprobe);
        LOG.info("using {} ({})", version, ffmpeg);
        return new MediaTools(ffmpeg, ffprobe, version);
    }

    private static Path resolve(String configured, Setting setting, Class<?> bundled) {
        if (!configured.isEmpty()) {
            Path path = Path.of(configured);
            if (!Files.isExecutable(path)) {
                throw new ConfigException(
                        setting.key() + " points to " + path + ", which is not an executable file");
            }
            return path;
        }
        try {
            // The GPL build (with libx264) lives in the jar with the "-gpl" platform extension.
            System.setProperty("org.bytedeco.javacpp.platform.extension", "-gpl");
            return Path.of(Loader.load(bundled));
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new ConfigException(
                    "the bundled "
                            + bundled.getSimpleName()
                            + " cannot be loaded ("
                            + e.getMessage()
                            + "); set "
                            + setting.key(),
                    e);
        }
    }

    /**
     * A process builder for ffmpeg or ffprobe. The bundled executables find their shared libraries
     * (libavcodec, libva…) beside themselves, so their directory goes first on the library path.
     */
    public static ProcessBuilder processBuilder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        Path parent = Path.of(command.getFirst()).toAbsolutePath().getParent();
        String existing = builder.environment().getOrDefault("LD_LIBRARY_PATH", "");
        builder.environment()
                .put(
                        "LD_LIBRARY_PATH",
                        existing.isEmpty() ? parent.toString() : parent + ":" + existing);
        return builder;
    }

    private static String versionOf(Path executable) {
        try {
            ProcessResult result =
                    ProcessRunner.run(
                            processBuilder(
                                    List.of(executable.toString(), "-hide_banner", "-version")),
                            Duration.ofSeconds(20),
                            64 * 1024);
            if (result.exitCode() != 0) {
                throw new ConfigException(executable + " -version failed: " + result.stderrTail());
            }
            return result.stdout().lines().findFirst().orElse("unknown version");
        } catch (ProcessRunner.TimeoutException e) {
            throw new ConfigException(executable + " -version did not answer in 20 s", e);
        }
    }

    /**
     * The start of every ffmpeg command. {@code -nostdin} keeps a child from reading the service's
     * input; the input protocol whitelist is added per input by {@link MediaInput#args()}.
     */
    public List<String> ffmpegCommand() {
        return List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-y", "-loglevel", "error");
    }

    /**
     * Options for reading an uploaded file: only the {@code file} protocol, so a playlist or a
     * reference inside the upload can never make ffmpeg open a URL or another local path through
     * a different protocol (the HLS-inside-AVI disclosure attack).
     */
    public static List<String> inputArgs(Path input) {
        return List.of(
                "-protocol_whitelist",
                "file",
                "-format_whitelist",
                MEDIA_DEMUXERS,
                "-i",
                "file:" + input.toAbsolutePath());
    }

    /**
     * Options for reading a stored object that {@link ObjectOverLoopback} serves on this machine.
     * Only http (and the tcp under it) is open, no redirect is followed, and only the same real
     * containers as for files are read: with http open, a DASH manifest or HLS playlist inside an
     * upload could otherwise make ffmpeg fetch any URL it can reach. mov's external data
     * references ({@code enable_drefs}) stay at their default, off: ffmpeg refuses the option for
     * any other container, so it cannot be given here, and MediaToolsTest checks the default.
     *
     * <p>Reads are bounded ranges on one kept-alive connection: small ones while ffmpeg parses the
     * headers, then {@value #REQUEST_BYTES} bytes each. So a read that ffmpeg abandons when it
     * seeks (an MP4 whose moov is at the end, each analysis window) fetches at most that much from
     * S3 in vain, instead of whatever the socket buffers take. A dropped read resumes at its
     * offset; after about 26 s of failed retries ffmpeg gives up and the job's retry takes over.
     */
    static List<String> loopbackInputArgs(String url) {
        return List.of(
                "-protocol_whitelist",
                "http,tcp",
                "-format_whitelist",
                MEDIA_DEMUXERS,
                "-max_redirects",
                "0",
                "-multiple_requests",
                "1",
                "-initial_request_size",
                Integer.toString(HEADER_REQUEST_BYTES),
                "-request_size",
                Integer.toString(REQUEST_BYTES),
                "-reconnect",
                "1",
                "-reconnect_on_network_error",
                "1",
                "-reconnect_on_http_error",
                "5xx",
                "-reconnect_delay_max",
                Integer.toString(RECONNECT_DELAY_MAX_SECONDS),
                "-i",
                url);
    }

    /** Retries come after 0, 1, 3, 7 and 15 s; the next wait (31 s) would pass it. */
    static final int RECONNECT_DELAY_MAX_SECONDS = 20;

    /** While ffmpeg reads headers and probes streams: a moov or a stream's first packets. */
    static final int HEADER_REQUEST_BYTES = 256 * 1024;

    /**
     * Afterwards: 500 S3 requests for a 2 GB recording, each ahead of an encode that takes
     * seconds to use it, so their latency stays hidden.
     */
    static final int REQUEST_BYTES = 4 * 1024 * 1024;

    /**
     * Demuxers allowed to read uploads: real audio/video containers only. Playlists (hls, concat,
     * image sequences) are left out because they open other files by name.
     */
    public static final String MEDIA_DEMUXERS =
            "mov,matroska,avi,flv,mpegts,mpeg,mp3,wav,ogg,aac,flac,asf,w64,caf,amr,m4v,h264,hevc,mjpeg,ivf";
}
