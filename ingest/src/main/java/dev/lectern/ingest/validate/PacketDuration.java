package dev.lectern.ingest.validate;

import dev.lectern.infra.media.MediaTools;
import dev.lectern.infra.media.ProcessResult;
import dev.lectern.infra.media.ProcessRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The length of a recording whose container does not state it, measured as the end of its last
 * packet. A browser's MediaRecorder writes WebM while it records: no Duration element, no Cues,
 * the segment's size unknown. ffprobe then lists the packets' times; on a large file only the
 * sample's two windows are listed, joined at a cluster boundary so the demuxer reads them as one
 * stream (the middle of the sample is a hole of zeros).
 */
final class PacketDuration {
    /** The Matroska Cluster element's ID: every cluster starts with these four bytes. */
    private static final byte[] CLUSTER = {0x1F, 0x43, (byte) 0xB6, 0x75};

    private PacketDuration() {}

    /** Seconds to the end of the last packet; 0 when none could be read. */
    static double measure(MediaTools tools, Path sample, Duration limit) throws IOException {
        long size = Files.size(sample);
        Path input = sample;
        boolean condensed = size > 2 * ProbeSample.WINDOW;
        if (condensed) {
            input = condense(sample, size);
        }
        try {
            List<String> command = new ArrayList<>();
            command.addAll(List.of(tools.ffprobe().toString(), "-hide_banner", "-v", "error"));
            command.addAll(MediaTools.inputArgs(input));
            command.addAll(
                    List.of("-show_entries", "packet=pts_time,duration_time", "-of", "csv=p=0"));
            ProcessResult result =
                    ProcessRunner.run(MediaTools.processBuilder(command), limit, 64 * 1024 * 1024);
            return result.exitCode() == 0 ? lastPacketEnd(result.stdout()) : 0;
        } catch (ProcessRunner.TimeoutException e) {
            return 0;
        } finally {
            if (condensed) {
                Files.deleteIfExists(input);
            }
        }
    }

    static double lastPacketEnd(String csv) {
        double end = 0;
        for (String line : csv.split("\n")) {
            String[] fields = line.trim().split(",");
            try {
                double pts = Double.parseDouble(fields[0]);
                double duration = fields.length > 1 ? Double.parseDouble(fields[1]) : 0;
                end = Math.max(end, pts + duration);
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                // A packet without a time (N/A) says nothing about the end.
            }
        }
        return end;
    }

    /**
     * The head window, then the tail window from its first cluster on. A file whose tail has no
     * cluster is only the head: the measure is then short, and the transcode finds the rest.
     */
    private static Path condense(Path sample, long size) throws IOException {
        Path condensed = Files.createTempFile(sample.getParent(), "packets-", ".mkv");
        try (InputStream in = Files.newInputStream(sample);
                OutputStream out = Files.newOutputStream(condensed)) {
            out.write(in.readNBytes((int) ProbeSample.WINDOW));
            in.skipNBytes(size - 2 * ProbeSample.WINDOW);
            byte[] tail = in.readNBytes((int) ProbeSample.WINDOW);
            int cluster = indexOf(tail, CLUSTER);
            if (cluster >= 0) {
                out.write(tail, cluster, tail.length - cluster);
            }
        }
        return condensed;
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
