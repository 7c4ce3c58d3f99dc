package dev.lectern.transcode.ffmpeg;

import dev.lectern.catalog.ContentKind;
import dev.lectern.infra.media.MediaInput;
import dev.lectern.infra.media.MediaTools;
import dev.lectern.infra.media.SourceFacts;
import dev.lectern.transcode.ladder.AudioRendition;
import dev.lectern.transcode.ladder.Ladder;
import dev.lectern.transcode.ladder.ThumbnailPlan;
import dev.lectern.transcode.ladder.VideoRung;
import dev.lectern.transcode.packaging.OutputAssembler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the single ffmpeg command that decodes the source once and writes every rendition, the
 * poster and the thumbnail sprite. The decoded picture is split once per output and each branch
 * reduces its frame rate before scaling (so the scaler works only on kept frames). Every video
 * rung gets a keyframe at each multiple of the segment length and nowhere else, so segments line
 * up across rungs and the HLS muxer cuts them at the same instants.
 */
public final class LadderCommand {
    /**
     * Per output: nothing of the source's metadata is copied. A phone writes where (a GPS
     * position), on what (make and model) and when a video was taken; published media must not
     * tell students that (the kept original does, and is never served).
     */
    static final List<String> NO_SOURCE_METADATA =
            List.of("-map_metadata", "-1", "-map_chapters", "-1");

    public static final String POSTER = "poster.jpg";
    public static final String SPRITE = OutputAssembler.SPRITE;
    public static final String PLAYLIST = OutputAssembler.PLAYLIST;

    private LadderCommand() {}

    /**
     * @param threads ffmpeg's {@code -threads} for decoding, filtering and each encoder
     * @param maxSpeed multiples of real time the source may be read at; 0 for no limit
     */
    public static List<String> build(
            MediaTools tools,
            MediaInput source,
            SourceFacts facts,
            Ladder ladder,
            Path output,
            int threads,
            double maxSpeed) {
        List<String> command = new ArrayList<>(tools.ffmpegCommand());
        String t = Integer.toString(threads);
        command.addAll(List.of("-progress", "pipe:1", "-stats_period", "1"));
        command.addAll(List.of("-threads", t));
        if (maxSpeed > 0) {
            command.addAll(List.of("-readrate", Double.toString(maxSpeed)));
        }
        command.addAll(source.args());
        command.addAll(List.of("-filter_complex_threads", t));
        command.addAll(List.of("-filter_complex", graph(facts, ladder)));
        if (ladder.hasVideo()) {
            command.addAll(
                    List.of("-map", "[poster]", "-frames:v", "1", "-update", "1", "-q:v", "3"));
            command.addAll(NO_SOURCE_METADATA);
            command.add(output.resolve(POSTER).toString());
            command.addAll(
                    List.of("-map", "[sprite]", "-frames:v", "1", "-update", "1", "-q:v", "5"));
            command.addAll(NO_SOURCE_METADATA);
            command.add(output.resolve(SPRITE).toString());
        }
        for (int i = 0; i < ladder.video().size(); i++) {
            command.addAll(List.of("-map", "[v" + i + "]"));
        }
        for (int i = 0; i < ladder.audio().size(); i++) {
            command.addAll(List.of("-map", "[a" + i + "]"));
        }
        for (int i = 0; i < ladder.video().size(); i++) {
            VideoRung rung = ladder.video().get(i);
            String s = ":v:" + i;
            int gop = rung.frameRate().framesIn(ladder.segmentSeconds());
            command.addAll(
                    List.of(
                            "-c" + s,
                            "libx264",
                            "-preset" + s,
                            rung.preset(),
                            "-profile" + s,
                            "high",
                            "-crf" + s,
                            Integer.toString(rung.crf()),
                            "-maxrate" + s,
                            rung.maxrateKbps() + "k",
                            "-bufsize" + s,
                            rung.bufsizeKbps() + "k",
                            "-g" + s,
                            Integer.toString(gop),
                            "-keyint_min" + s,
                            Integer.toString(gop)));
            if (rung.tune() != null) {
                command.addAll(List.of("-tune" + s, rung.tune()));
            }
        }
        if (ladder.hasVideo()) {
            command.addAll(
                    List.of(
                            "-sc_threshold",
                            "0",
                            "-force_key_frames:v",
                            "expr:gte(t,n_forced*" + ladder.segmentSeconds() + ")",
                            "-threads",
                            t));
        }
        for (int i = 0; i < ladder.audio().size(); i++) {
            AudioRendition audio = ladder.audio().get(i);
            command.addAll(
                    List.of(
                            "-c:a:" + i,
                            "aac",
                            "-b:a:" + i,
                            audio.bitrateKbps() + "k",
                            "-ar:a:" + i,
                            Integer.toString(audio.sampleRate())));
        }
        command.addAll(NO_SOURCE_METADATA);
        command.addAll(
                List.of(
                        "-f",
                        "hls",
                        "-hls_time",
                        Integer.toString(ladder.segmentSeconds()),
                        // An event playlist is rewritten after every segment, so the lecture
                        // can be published while it is still being encoded.
                        "-hls_playlist_type",
                        "event",
                        "-hls_segment_type",
                        "fmp4",
                        "-hls_flags",
                        "independent_segments+temp_file",
                        "-hls_fmp4_init_filename",
                        "init.mp4",
                        "-hls_segment_filename",
                        output.resolve("%v/seg_%05d.m4s").toString(),
                        "-var_stream_map",
                        streamMap(ladder),
                        output.resolve("%v/" + PLAYLIST).toString()));
        return command;
    }

    static String streamMap(Ladder ladder) {
        List<String> entries = new ArrayList<>();
        boolean group = ladder.hasVideo() && ladder.hasAudio();
        for (int i = 0; i < ladder.video().size(); i++) {
            entries.add(
                    "v:"
                            + i
                            + (group ? ",agroup:audio" : "")
                            + ",name:"
                            + ladder.video().get(i).id());
        }
        for (int i = 0; i < ladder.audio().size(); i++) {
            AudioRendition audio = ladder.audio().get(i);
            entries.add(
                    "a:"
                            + i
                            + (group && audio.inGroup() ? ",agroup:audio" : "")
                            + ",name:"
                            + audio.id());
        }
        return String.join(" ", entries);
    }

    static String graph(SourceFacts facts, Ladder ladder) {
        List<String> chains = new ArrayList<>();
        if (ladder.hasVideo()) {
            int branches = ladder.video().size() + 2;
            StringBuilder split =
                    new StringBuilder("[0:" + facts.video().index() + "]split=" + branches);
            for (int i = 0; i < ladder.video().size(); i++) {
                split.append("[s").append(i).append(']');
            }
            chains.add(split.append("[sposter][ssprite]").toString());
            // Area averaging scales text down without ringing and costs a quarter of lanczos,
            // which on 1080p screens was a tenth of the whole transcode's CPU time.
            String flags = ladder.kind() == ContentKind.SCREENCAST ? "area" : "bicubic";
            for (int i = 0; i < ladder.video().size(); i++) {
                VideoRung rung = ladder.video().get(i);
                chains.add(
                        "[s%d]fps=%s,scale=%d:%d:flags=%s,setsar=1,format=yuv420p[v%d]"
                                .formatted(
                                        i,
                                        rung.frameRate().ffmpeg(),
                                        rung.width(),
                                        rung.height(),
                                        flags,
                                        i));
            }
            chains.add(
                    String.format(
                            Locale.ROOT,
                            "[sposter]trim=start=%.3f,scale=%d:%d:flags=%s,setsar=1,format=yuvj420p[poster]",
                            ladder.posterSeconds(),
                            ladder.posterWidth(),
                            ladder.posterHeight(),
                            flags));
            ThumbnailPlan thumbs = ladder.thumbnails();
            chains.add(
                    "[ssprite]fps=1/%d,scale=%d:%d:flags=%s,setsar=1,tile=%dx%d,format=yuvj420p[sprite]"
                            .formatted(
                                    thumbs.intervalSeconds(),
                                    thumbs.width(),
                                    thumbs.height(),
                                    flags,
                                    thumbs.columns(),
                                    thumbs.rows()));
        }
        if (ladder.hasAudio()) {
            chains.add(audioChain(ladder));
        }
        return String.join(";", chains);
    }

    /**
     * Gaps in the source audio are filled (browser recordings have them), the loudness is
     * normalised to EBU R128 speech levels, and each rendition gets its channel count.
     */
    private static String audioChain(Ladder ladder) {
        List<AudioRendition> audio = ladder.audio();
        String norm =
                "[0:"
                        + ladder.sourceAudioIndex()
                        + "]aresample=async=1:first_pts=0,"
                        + (audio.size() == 1 && audio.getFirst().channels() == 1
                                ? "aformat=channel_layouts=mono,"
                                : "")
                        + "loudnorm=I=-16:TP=-1.5:LRA=11,aresample="
                        + audio.getFirst().sampleRate();
        if (audio.size() == 1) {
            return norm
                    + ",aformat=sample_fmts=fltp:channel_layouts="
                    + layout(audio.getFirst())
                    + "[a0]";
        }
        StringBuilder chain = new StringBuilder(norm).append(",asplit=").append(audio.size());
        for (int i = 0; i < audio.size(); i++) {
            chain.append("[n").append(i).append(']');
        }
        for (int i = 0; i < audio.size(); i++) {
            chain.append(";[n")
                    .append(i)
                    .append("]aformat=sample_fmts=fltp:channel_layouts=")
                    .append(layout(audio.get(i)))
                    .append("[a")
                    .append(i)
                    .append(']');
        }
        return chain.toString();
    }

    private static String layout(AudioRendition audio) {
        return audio.channels() == 1 ? "mono" : "stereo";
    }
}
