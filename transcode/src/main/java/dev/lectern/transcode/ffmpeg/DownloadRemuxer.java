package dev.lectern.transcode.ffmpeg;

import dev.lectern.catalog.RenditionSet.Downloads;
import dev.lectern.infra.media.MediaTools;
import dev.lectern.transcode.Cancellation;
import dev.lectern.transcode.ladder.Ladder;
import dev.lectern.transcode.packaging.MediaPlaylist;
import dev.lectern.transcode.packaging.OutputAssembler;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Makes the offline downloads from segments already encoded: a CMAF track is its init segment
 * followed by its media segments, so concatenating them gives a fragmented MP4 that ffmpeg
 * remuxes (stream copy, no second encode) into a progressive, faststart MP4 or M4A.
 */
public final class DownloadRemuxer {
    private DownloadRemuxer() {}

    public static Downloads remux(
            MediaTools tools,
            Ladder ladder,
            Map<String, MediaPlaylist> playlists,
            Path output,
            Path scratch,
            Cancellation cancellation) {
        Path audioTrack =
                ladder.hasAudio()
                        ? join(
                                playlists.get(ladder.groupAudio().id()),
                                scratch.resolve("audio.mp4"))
                        : null;
        Path videoTrack =
                ladder.hasVideo()
                        ? join(playlists.get(ladder.downloadRungId()), scratch.resolve("video.mp4"))
                        : null;
        String video = null;
        long videoBytes = 0;
        if (videoTrack != null) {
            Path target = output.resolve(OutputAssembler.DOWNLOAD_VIDEO);
            List<String> args = new ArrayList<>(MediaTools.inputArgs(videoTrack));
            if (audioTrack != null) {
                args.addAll(MediaTools.inputArgs(audioTrack));
                args.addAll(List.of("-map", "0:v:0", "-map", "1:a:0"));
            }
            copy(tools, args, target, cancellation);
            video = OutputAssembler.DOWNLOAD_VIDEO;
            videoBytes = size(target);
        }
        String audio = null;
        long audioBytes = 0;
        if (audioTrack != null) {
            Path target = output.resolve(OutputAssembler.DOWNLOAD_AUDIO);
            copy(tools, MediaTools.inputArgs(audioTrack), target, cancellation);
            audio = OutputAssembler.DOWNLOAD_AUDIO;
            audioBytes = size(target);
        }
        return new Downloads(video, videoBytes, audio, audioBytes);
    }

    private static void copy(
            MediaTools tools, List<String> inputs, Path target, Cancellation cancellation) {
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(tools.ffmpegCommand());
        command.addAll(inputs);
        command.addAll(List.of("-c", "copy", "-movflags", "+faststart", target.toString()));
        FfmpegRun.run(command, Duration.ofMinutes(10), cancellation, block -> {});
    }

    private static Path join(MediaPlaylist playlist, Path target) {
        try (OutputStream out = Files.newOutputStream(target)) {
            Files.copy(playlist.directory().resolve(playlist.initSegment()), out);
            for (MediaPlaylist.Segment segment : playlist.segments()) {
                Files.copy(playlist.directory().resolve(segment.file()), out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
