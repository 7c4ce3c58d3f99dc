package dev.lectern.slides.deck;

import dev.lectern.infra.media.MediaTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The other videos slide detection is tested on: a camera-like clip, which must give no slides,
 * and the lowest rung a transcode makes of a deck, which detection scans in production.
 */
public final class OtherVideos {
    private OtherVideos() {}

    /**
     * Camera-like footage: drifting gradients under a moving cellular pattern with sensor noise,
     * so every frame changes everywhere (the opposite of slides).
     */
    public static Path camera(MediaTools tools, Path dir, double seconds) throws IOException {
        Files.createDirectories(dir);
        Path out = dir.resolve("camera.mp4");
        if (Files.isRegularFile(out)) {
            return out;
        }
        TestDecks.ffmpeg(
                tools,
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        "gradients=s=160x90:r=15:speed=0.02:n=4",
                        "-f",
                        "lavfi",
                        "-i",
                        "life=s=160x90:r=15:mold=8:ratio=0.3:life_color=0xC08040:death_color=0x303050",
                        "-filter_complex",
                        "[1:v]scale=640:360:flags=bicubic,format=yuv420p[cells];"
                                + "[0:v]scale=640:360:flags=bicubic,format=yuv420p[bg];"
                                + "[bg][cells]blend=all_mode=overlay:all_opacity=0.6,"
                                + "noise=alls=4:allf=t,format=yuv420p[v]",
                        "-map",
                        "[v]",
                        "-t",
                        TestDecks.num(seconds),
                        "-c:v",
                        "libx264",
                        "-preset",
                        "veryfast",
                        "-crf",
                        "28",
                        out.toString()));
        return out;
    }

    /**
     * The lowest rung a transcode makes of a slide screencast (docs: LadderPlanner): 960×540 at 5
     * fps, CRF 26 capped near 60 kb/s with a four-second buffer, tuned for still images, packaged
     * as fMP4 HLS with four-second segments. Returns its playlist.
     */
    public static Path lowestRung(MediaTools tools, Path video, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path playlist = dir.resolve("index.m3u8");
        if (Files.isRegularFile(playlist)) {
            return playlist;
        }
        TestDecks.ffmpeg(
                tools,
                List.of(
                        "-i",
                        video.toString(),
                        "-an",
                        "-vf",
                        "fps=5,scale=960:540:flags=bicubic",
                        "-c:v",
                        "libx264",
                        "-preset",
                        "veryfast",
                        "-tune",
                        "stillimage",
                        "-crf",
                        "26",
                        "-maxrate",
                        "60k",
                        "-bufsize",
                        "240k",
                        "-sc_threshold",
                        "0",
                        "-force_key_frames",
                        "expr:gte(t,n_forced*4)",
                        "-pix_fmt",
                        "yuv420p",
                        "-f",
                        "hls",
                        "-hls_time",
                        "4",
                        "-hls_playlist_type",
                        "vod",
                        "-hls_segment_type",
                        "fmp4",
                        "-hls_fmp4_init_filename",
                        "init.mp4",
                        "-hls_segment_filename",
                        dir.resolve("seg_%05d.m4s").toString(),
                        playlist.toString()));
        return playlist;
    }
}
