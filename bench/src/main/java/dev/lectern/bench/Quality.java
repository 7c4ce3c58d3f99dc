package dev.lectern.bench;

import dev.lectern.catalog.ContentKind;
import dev.lectern.transcode.ladder.Ladder;
import dev.lectern.transcode.ladder.VideoRung;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SSIM of each rung against the source scaled to the rung's size and frame rate (one ffmpeg
 * decodes the source once for all rungs), averaged over every frame from ffmpeg's ssim stats.
 */
final class Quality {
    private static final Pattern ALL = Pattern.compile("All:([0-9.]+)");

    private Quality() {}

    /** Rung id → mean SSIM, for the HLS rungs written under {@code ladderDir/<id>/index.m3u8}. */
    static Map<String, Double> ssim(Bench bench, Path source, Ladder ladder, Path ladderDir)
            throws IOException {
        List<VideoRung> rungs = ladder.video();
        String flags = ladder.kind() == ContentKind.SCREENCAST ? "area" : "bicubic";
        List<String> args = new ArrayList<>(List.of("-threads", "2", "-i", source.toString()));
        StringBuilder graph = new StringBuilder("[0:v]split=" + rungs.size());
        for (int i = 0; i < rungs.size(); i++) {
            graph.append("[r").append(i).append(']');
        }
        List<String> maps = new ArrayList<>();
        Path statsDir = Files.createDirectories(ladderDir.resolve("ssim"));
        for (int i = 0; i < rungs.size(); i++) {
            VideoRung rung = rungs.get(i);
            args.addAll(
                    List.of(
                            "-protocol_whitelist",
                            "file",
                            "-i",
                            ladderDir.resolve(rung.id()).resolve("index.m3u8").toString()));
            Path stats = statsDir.resolve(rung.id() + ".log");
            graph.append(
                    ";[r%d]fps=%s,scale=%d:%d:flags=%s,setsar=1,format=yuv420p,setpts=PTS-STARTPTS[ref%d]"
                            .formatted(
                                    i,
                                    rung.frameRate().ffmpeg(),
                                    rung.width(),
                                    rung.height(),
                                    flags,
                                    i));
            graph.append(
                    ";[%d:v]setsar=1,format=yuv420p,setpts=PTS-STARTPTS[d%d]".formatted(i + 1, i));
            graph.append(";[d%d][ref%d]ssim=stats_file=%s[o%d]".formatted(i, i, stats, i));
            maps.addAll(List.of("-map", "[o" + i + "]"));
        }
        args.addAll(List.of("-filter_complex", graph.toString()));
        args.addAll(maps);
        args.addAll(List.of("-f", "null", "-"));
        bench.ffmpeg.run("ssim-" + source.getFileName(), args);
        Map<String, Double> result = new LinkedHashMap<>();
        for (VideoRung rung : rungs) {
            result.put(rung.id(), meanAll(statsDir.resolve(rung.id() + ".log")));
        }
        return result;
    }

    private static double meanAll(Path stats) throws IOException {
        double sum = 0;
        int count = 0;
        for (String line : Files.readAllLines(stats)) {
            Matcher m = ALL.matcher(line);
            if (m.find()) {
                sum += Double.parseDouble(m.group(1));
                count++;
            }
        }
        if (count == 0) {
            throw new IllegalStateException("no SSIM values in " + stats);
        }
        return sum / count;
    }
}
