package dev.lectern.bench;

import dev.lectern.catalog.ContentKind;
import dev.lectern.infra.media.MediaTools;
import dev.lectern.transcode.ladder.Ladder;
import dev.lectern.transcode.ladder.VideoRung;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The PeerTube/MediaCMS way to make the same rungs: one ffmpeg per rendition, each decoding the
 * whole source again and muxing its own copy of the audio, with Lectern's encoder settings per
 * rung so only the process structure differs.
 */
final class PerRenditionCommands {
    private PerRenditionCommands() {}

    static List<List<String>> build(
            MediaTools tools, Path source, Ladder ladder, Path output, int threads) {
        String flags = ladder.kind() == ContentKind.SCREENCAST ? "area" : "bicubic";
        String t = Integer.toString(threads);
        List<List<String>> commands = new ArrayList<>();
        for (VideoRung rung : ladder.video()) {
            int gop = rung.frameRate().framesIn(ladder.segmentSeconds());
            output.resolve(rung.id()).toFile().mkdirs();
            List<String> command = new ArrayList<>(tools.ffmpegCommand());
            command.addAll(List.of("-threads", t));
            command.addAll(MediaTools.inputArgs(source));
            command.addAll(List.of("-map", "0:v:0"));
            command.addAll(
                    List.of(
                            "-vf",
                            "fps=%s,scale=%d:%d:flags=%s,setsar=1,format=yuv420p"
                                    .formatted(
                                            rung.frameRate().ffmpeg(),
                                            rung.width(),
                                            rung.height(),
                                            flags),
                            "-c:v",
                            "libx264",
                            "-preset",
                            rung.preset(),
                            "-profile:v",
                            "high",
                            "-crf",
                            Integer.toString(rung.crf()),
                            "-maxrate",
                            rung.maxrateKbps() + "k",
                            "-bufsize",
                            rung.bufsizeKbps() + "k",
                            "-g",
                            Integer.toString(gop),
                            "-keyint_min",
                            Integer.toString(gop),
                            "-sc_threshold",
                            "0",
                            "-force_key_frames",
                            "expr:gte(t,n_forced*" + ladder.segmentSeconds() + ")"));
            if (rung.tune() != null) {
                command.addAll(List.of("-tune", rung.tune()));
            }
            if (ladder.hasAudio()) {
                command.addAll(
                        List.of(
                                "-map",
                                "0:a:0",
                                "-c:a",
                                "aac",
                                "-b:a",
                                ladder.groupAudio().bitrateKbps() + "k",
                                "-ac",
                                Integer.toString(ladder.groupAudio().channels())));
            }
            command.addAll(
                    List.of(
                            "-f",
                            "hls",
                            "-hls_time",
                            Integer.toString(ladder.segmentSeconds()),
                            "-hls_playlist_type",
                            "vod",
                            "-hls_segment_type",
                            "fmp4",
                            "-hls_segment_filename",
                            output.resolve(rung.id()).resolve("seg_%05d.m4s").toString(),
                            output.resolve(rung.id()).resolve("index.m3u8").toString()));
            commands.add(command);
        }
        return commands;
    }
}
