package dev.lectern.infra.media;

import java.nio.file.Path;
import java.util.List;

/**
 * What ffmpeg or ffprobe reads: a local file, or a stored object served over loopback by this
 * process. Sealed, so no caller can hand ffmpeg a URL Lectern did not build itself; each kind
 * brings the input options that keep ffmpeg from following references found inside the media.
 */
public sealed interface MediaInput permits MediaInput.LocalFile, ObjectOverLoopback {

    /** The input options, ending with {@code -i} and the input itself. */
    List<String> args();

    static MediaInput file(Path path) {
        return new LocalFile(path);
    }

    /** A file on this machine, read with the file protocol only. */
    record LocalFile(Path path) implements MediaInput {
        @Override
        public List<String> args() {
            return MediaTools.inputArgs(path);
        }

        @Override
        public String toString() {
            return String.valueOf(path.getFileName());
        }
    }
}
