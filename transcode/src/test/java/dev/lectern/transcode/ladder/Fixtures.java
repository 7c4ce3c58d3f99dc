package dev.lectern.transcode.ladder;

import dev.lectern.catalog.ContentAnalysis;
import dev.lectern.catalog.ContentKind;
import dev.lectern.infra.media.SourceFacts;
import dev.lectern.infra.media.SourceFacts.AudioStreamFacts;
import dev.lectern.infra.media.SourceFacts.DurationSource;
import dev.lectern.infra.media.SourceFacts.VideoFacts;
import java.util.List;

/** Probe and analysis results shaped like the sources the planner must handle. */
final class Fixtures {
    private Fixtures() {}

    static VideoFacts video(int w, int h, double avg, double base) {
        return new VideoFacts(0, "h264", "High", w, h, 0, "yuv420p", 8, avg, base, false);
    }

    static AudioStreamFacts stereo(int index) {
        return new AudioStreamFacts(index, "aac", 2, "stereo", 48000, null, false);
    }

    static SourceFacts facts(VideoFacts video, double seconds, AudioStreamFacts... audio) {
        List<AudioStreamFacts> streams = List.of(audio);
        return new SourceFacts(
                "mov,mp4,m4a,3gp,3g2,mj2",
                seconds,
                DurationSource.HEADER,
                video,
                streams,
                SourceFacts.chooseAudio(streams),
                1_000_000);
    }

    static ContentAnalysis screencast(double staticFraction) {
        return new ContentAnalysis(
                ContentKind.SCREENCAST, 32, 60, staticFraction, 2, 0.001, false, -90.0);
    }

    static ContentAnalysis camera(boolean stereo) {
        return new ContentAnalysis(
                ContentKind.CAMERA, 32, 60, 0.05, 4, 0.08, stereo, stereo ? -6.0 : -90.0);
    }
}
