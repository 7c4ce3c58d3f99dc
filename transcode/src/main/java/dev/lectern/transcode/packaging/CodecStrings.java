package dev.lectern.transcode.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/** RFC 6381 codec strings, read from what the encoder actually wrote. */
public final class CodecStrings {
    /** ffmpeg's native AAC encoder writes AAC-LC (audio object type 2). */
    public static final String AAC_LC = "mp4a.40.2";

    private CodecStrings() {}

    /**
     * {@code avc1.PPCCLL} from the avcC box of a CMAF init segment: profile, constraint flags and
     * level exactly as x264 signalled them.
     */
    public static String avc(Path initSegment) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(initSegment);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i + 8 < bytes.length; i++) {
            if (bytes[i] == 'a'
                    && bytes[i + 1] == 'v'
                    && bytes[i + 2] == 'c'
                    && bytes[i + 3] == 'C') {
                // avcC payload: configurationVersion, AVCProfileIndication, profile_compatibility,
                // AVCLevelIndication.
                return "avc1." + HexFormat.of().formatHex(bytes, i + 5, i + 8);
            }
        }
        throw new IllegalStateException(initSegment + " has no avcC box");
    }
}
