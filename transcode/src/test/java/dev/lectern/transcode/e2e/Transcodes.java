package dev.lectern.transcode.e2e;

import dev.lectern.infra.media.MediaInput;
import dev.lectern.infra.media.MediaProbe;
import dev.lectern.testkit.TestMedia;
import dev.lectern.transcode.Cancellation;
import dev.lectern.transcode.ProgressListener;
import dev.lectern.transcode.TranscodeRequest;
import dev.lectern.transcode.TranscodeResult;
import dev.lectern.transcode.ffmpeg.FfmpegTranscoder;
import dev.lectern.transcode.ffmpeg.TranscodeOptions;
import java.nio.file.Path;

/** Runs the real transcoder the way a worker would: probe, then transcode into a work dir. */
final class Transcodes {
    private Transcodes() {}

    static FfmpegTranscoder transcoder() {
        return new FfmpegTranscoder(TestMedia.tools(), new TranscodeOptions(2, 4, 60, 0));
    }

    static TranscodeResult run(Path source, Path workDir, ProgressListener listener) {
        return run(MediaInput.file(source), workDir, listener);
    }

    static TranscodeResult run(MediaInput source, Path workDir, ProgressListener listener) {
        var facts = new MediaProbe(TestMedia.tools()).probe(source);
        return transcoder()
                .transcode(
                        new TranscodeRequest(source, facts, workDir, listener, new Cancellation()));
    }
}
