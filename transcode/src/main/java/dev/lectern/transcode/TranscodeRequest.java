package dev.lectern.transcode;

import dev.lectern.infra.media.MediaInput;
import dev.lectern.infra.media.SourceFacts;
import java.nio.file.Path;

/**
 * One transcode: the source (a local file, or the stored object read over loopback) and what the
 * probe found in it.
 *
 * @param workDir an empty directory the transcode owns; the finished tree is left in {@code
 *     workDir/output}, scratch files are removed
 */
public record TranscodeRequest(
        MediaInput source,
        SourceFacts facts,
        Path workDir,
        ProgressListener progress,
        Cancellation cancellation) {}
