package dev.lectern.transcode.e2e;

import dev.lectern.infra.media.MediaTools;
import dev.lectern.infra.media.ProcessResult;
import dev.lectern.infra.media.ProcessRunner;
import dev.lectern.testkit.TestMedia;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** ffprobe and ffmpeg checks on what a transcode wrote. */
final class Probe {
    private Probe() {}

    static JsonObject streams(Path file) {
        return new JsonObject(TestMedia.probeJson(file));
    }

    static JsonObject firstStream(Path file) {
        return streams(file).getJsonArray("streams").getJsonObject(0);
    }

    /** Presentation times of the keyframes of a CMAF track (init + segments joined). */
    static List<Double> keyframeTimes(Path track) {
        JsonArray frames =
                new JsonObject(
                                run(
                                        List.of(
                                                TestMedia.tools().ffprobe().toString(),
                                                "-v",
                                                "error",
                                                "-select_streams",
                                                "v:0",
                                                "-skip_frame",
                                                "nokey",
                                                "-show_entries",
                                                "frame=pts_time",
                                                "-of",
                                                "json",
                                                track.toString())))
                        .getJsonArray("frames");
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            times.add(Double.parseDouble(frames.getJsonObject(i).getString("pts_time")));
        }
        return times;
    }

    /** Average frame rate of a track, counted from its frames. */
    static String averageFrameRate(Path track) {
        return firstStream(track).getString("avg_frame_rate");
    }

    static String run(List<String> command) {
        ProcessResult result =
                ProcessRunner.run(
                        MediaTools.processBuilder(command), Duration.ofMinutes(2), 8 << 20);
        if (result.exitCode() != 0) {
            throw new AssertionError(command.getFirst() + " failed: " + result.stderrTail());
        }
        return result.stdout();
    }
}
