package dev.lectern.transcode.packaging;

import dev.lectern.catalog.ContentAnalysis;
import dev.lectern.catalog.RenditionSet;
import dev.lectern.catalog.RenditionSet.AudioOutput;
import dev.lectern.catalog.RenditionSet.Downloads;
import dev.lectern.catalog.RenditionSet.Thumbnails;
import dev.lectern.catalog.RenditionSet.VideoOutput;
import dev.lectern.infra.media.SourceFacts;
import dev.lectern.transcode.TranscodeException;
import dev.lectern.transcode.ladder.AudioRendition;
import dev.lectern.transcode.ladder.Ladder;
import dev.lectern.transcode.ladder.VideoRung;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * After the encode: measures what ffmpeg wrote and writes the manifests that describe it (HLS
 * master, DASH MPD, thumbnails track), then the {@link RenditionSet}.
 */
public final class OutputAssembler {
    public static final String MASTER = "master.m3u8";
    public static final String MPD = "manifest.mpd";
    public static final String THUMBS_VTT = "thumbs/thumbs.vtt";
    public static final String DOWNLOAD_VIDEO = "download/lecture.mp4";
    public static final String DOWNLOAD_AUDIO = "download/audio.m4a";

    /** Written by the encode itself (see {@code LadderCommand}); the track points into it. */
    public static final String SPRITE = "thumbs/sprite.jpg";

    public static final String PLAYLIST = "index.m3u8";

    private OutputAssembler() {}

    /** The parsed media playlist of every rendition, by rendition id. */
    public static Map<String, MediaPlaylist> playlists(Path output, Ladder ladder) {
        Map<String, MediaPlaylist> playlists = new HashMap<>();
        List<String> ids = new ArrayList<>();
        ladder.video().forEach(r -> ids.add(r.id()));
        ladder.audio().forEach(a -> ids.add(a.id()));
        for (String id : ids) {
            Path playlist = output.resolve(id).resolve(PLAYLIST);
            if (!Files.isRegularFile(playlist)) {
                throw new TranscodeException(
                        TranscodeException.Reason.BAD_OUTPUT, "ffmpeg wrote no playlist for " + id);
            }
            playlists.put(id, MediaPlaylist.read(playlist));
        }
        return playlists;
    }

    public static RenditionSet assemble(
            Path output,
            SourceFacts facts,
            ContentAnalysis analysis,
            Ladder ladder,
            Map<String, MediaPlaylist> playlists,
            Downloads downloads) {
        List<VideoOutput> video = new ArrayList<>();
        for (VideoRung rung : ladder.video()) {
            MediaPlaylist playlist = playlists.get(rung.id());
            video.add(
                    videoOutput(
                            rung,
                            playlist,
                            playlist.peakBitsPerSecond(),
                            playlist.averageBitsPerSecond(),
                            playlist.bytes()));
        }
        List<AudioOutput> audio = new ArrayList<>();
        for (AudioRendition rendition : ladder.audio()) {
            MediaPlaylist playlist = playlists.get(rendition.id());
            audio.add(
                    audioOutput(
                            rendition,
                            playlist,
                            playlist.peakBitsPerSecond(),
                            playlist.averageBitsPerSecond(),
                            playlist.bytes()));
        }
        String language = language(facts);
        double duration =
                playlists.values().stream().mapToDouble(MediaPlaylist::duration).max().orElse(0);
        for (Map.Entry<String, MediaPlaylist> playlist : playlists.entrySet()) {
            write(
                    output.resolve(playlist.getKey()).resolve(PLAYLIST),
                    playlist.getValue().text(ladder.segmentSeconds(), true));
        }
        write(output.resolve(MASTER), HlsMasterPlaylist.write(video, audio, language));
        write(
                output.resolve(MPD),
                DashManifest.write(
                        duration, ladder.segmentSeconds(), video, audio, playlists, language));
        Thumbnails thumbnails = null;
        if (ladder.hasVideo()) {
            var plan = ladder.thumbnails();
            write(
                    output.resolve(THUMBS_VTT),
                    ThumbnailTrack.write(plan, duration, Path.of(SPRITE).getFileName().toString()));
            thumbnails =
                    new Thumbnails(
                            SPRITE,
                            THUMBS_VTT,
                            plan.intervalSeconds(),
                            plan.width(),
                            plan.height(),
                            plan.count());
        }
        return new RenditionSet(
                ladder.kind(),
                analysis,
                duration,
                ladder.segmentSeconds(),
                ladder.sourceAudioIndex(),
                language,
                video,
                audio,
                MASTER,
                MPD,
                ladder.hasAudio() ? ladder.audioOnly().id() + "/" + PLAYLIST : null,
                ladder.hasVideo() ? "poster.jpg" : null,
                thumbnails,
                downloads);
    }

    /**
     * What can be played while the encode goes on: every rendition with the segments stored so far,
     * the master playlist's figures being the encoder's promises (nothing is measured yet), and no
     * DASH manifest, downloads, poster or thumbnails until the end.
     *
     * @param soFar every rendition's segments stored so far, by rendition id
     */
    public static RenditionSet preview(
            SourceFacts facts,
            ContentAnalysis analysis,
            Ladder ladder,
            Map<String, MediaPlaylist> soFar) {
        List<VideoOutput> video = new ArrayList<>();
        for (VideoRung rung : ladder.video()) {
            video.add(
                    videoOutput(
                            rung,
                            soFar.get(rung.id()),
                            rung.promisedBitsPerSecond(ladder.segmentSeconds()),
                            0,
                            0));
        }
        List<AudioOutput> audio = new ArrayList<>();
        for (AudioRendition rendition : ladder.audio()) {
            audio.add(
                    audioOutput(
                            rendition,
                            soFar.get(rendition.id()),
                            rendition.promisedBitsPerSecond(),
                            0,
                            0));
        }
        return new RenditionSet(
                ladder.kind(),
                analysis,
                facts.durationSeconds(),
                ladder.segmentSeconds(),
                ladder.sourceAudioIndex(),
                language(facts),
                video,
                audio,
                MASTER,
                null,
                ladder.hasAudio() ? ladder.audioOnly().id() + "/" + PLAYLIST : null,
                null,
                null,
                null);
    }

    /**
     * @param peak BANDWIDTH in bits per second, measured or promised
     * @param average AVERAGE-BANDWIDTH, 0 when not measured yet
     */
    private static VideoOutput videoOutput(
            VideoRung rung, MediaPlaylist playlist, long peak, long average, long bytes) {
        return new VideoOutput(
                rung.id(),
                rung.id() + "/" + PLAYLIST,
                rung.id() + "/" + playlist.initSegment(),
                playlist.segments().size(),
                rung.width(),
                rung.height(),
                rung.frameRate().hls(),
                CodecStrings.avc(playlist.directory().resolve(playlist.initSegment())),
                peak,
                average,
                bytes);
    }

    private static AudioOutput audioOutput(
            AudioRendition rendition, MediaPlaylist playlist, long peak, long average, long bytes) {
        return new AudioOutput(
                rendition.id(),
                rendition.id() + "/" + PLAYLIST,
                rendition.id() + "/" + playlist.initSegment(),
                playlist.segments().size(),
                rendition.channels(),
                rendition.sampleRate(),
                CodecStrings.AAC_LC,
                peak,
                average,
                bytes,
                rendition.inGroup(),
                rendition.audioOnlyVariant());
    }

    /** The HLS master playlist of a rendition set. */
    public static String master(RenditionSet renditions) {
        return HlsMasterPlaylist.write(
                renditions.video(), renditions.audio(), renditions.sourceAudioLanguage());
    }

    private static String language(SourceFacts facts) {
        return Languages.rfc5646(facts.chosenAudio().map(a -> a.language()).orElse(null));
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
