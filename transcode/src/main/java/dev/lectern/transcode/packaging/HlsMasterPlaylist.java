package dev.lectern.transcode.packaging;

import dev.lectern.catalog.RenditionSet.AudioOutput;
import dev.lectern.catalog.RenditionSet.VideoOutput;
import java.util.List;

/**
 * Writes the HLS master playlist (RFC 8216 §4.3.4) from measured renditions: every video variant
 * plays with the one audio group, and the audio-only rendition is offered as a variant of its own
 * for the thinnest links. ffmpeg's own master lacks FRAME-RATE and counts no audio in the video
 * variants' BANDWIDTH, so it is not used.
 */
public final class HlsMasterPlaylist {
    static final String AUDIO_GROUP = "audio";

    private HlsMasterPlaylist() {}

    /**
     * @param language RFC 5646 tag of the audio, or {@code null}
     */
    public static String write(List<VideoOutput> video, List<AudioOutput> audio, String language) {
        StringBuilder out =
                new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        AudioOutput group = audio.stream().filter(AudioOutput::inGroup).findFirst().orElse(null);
        if (group != null && !video.isEmpty()) {
            out.append("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"")
                    .append(AUDIO_GROUP)
                    .append("\",NAME=\"Lecture audio\",");
            if (language != null) {
                out.append("LANGUAGE=\"").append(language).append("\",");
            }
            out.append("DEFAULT=YES,AUTOSELECT=YES,CHANNELS=\"")
                    .append(group.channels())
                    .append("\",URI=\"")
                    .append(group.playlist())
                    .append("\"\n");
        }
        for (VideoOutput v : video) {
            long peak = v.bandwidth() + (group == null ? 0 : group.bandwidth());
            boolean measured =
                    v.averageBandwidth() > 0 && (group == null || group.averageBandwidth() > 0);
            long average =
                    measured
                            ? v.averageBandwidth() + (group == null ? 0 : group.averageBandwidth())
                            : 0;
            out.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(peak);
            averageBandwidth(out, average);
            out.append(",CODECS=\"")
                    .append(v.codecs())
                    .append(group == null ? "" : "," + group.codecs())
                    .append("\",RESOLUTION=")
                    .append(v.width())
                    .append('x')
                    .append(v.height())
                    .append(",FRAME-RATE=")
                    .append(v.frameRate());
            if (group != null) {
                out.append(",AUDIO=\"").append(AUDIO_GROUP).append('"');
            }
            out.append('\n').append(v.playlist()).append('\n');
        }
        for (AudioOutput a : audio) {
            if (video.isEmpty() || a.audioOnlyVariant()) {
                out.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(a.bandwidth());
                averageBandwidth(out, a.averageBandwidth());
                out.append(",CODECS=\"")
                        .append(a.codecs())
                        .append("\"\n")
                        .append(a.playlist())
                        .append('\n');
            }
        }
        return out.toString();
    }

    /** Written only when measured: a master published while encoding knows only its promises. */
    private static void averageBandwidth(StringBuilder out, long average) {
        if (average > 0) {
            out.append(",AVERAGE-BANDWIDTH=").append(average);
        }
    }
}
