package dev.lectern.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * tus upload throughput into the embedded S3 and the API process's peak heap, with {@code lectern
 * api} in a child JVM so its heap is its own.
 */
final class UploadBench {
    private static final Pattern RUNNING = Pattern.compile("Lectern is running at (http://\\S+)");

    /** Heap before a collection in a unified GC log line, for G1 ("24M->3M(256M)") and ZGC ("24M(1%)->"). */
    private static final Pattern BEFORE_GC = Pattern.compile("(\\d+)([KMG])(?:\\(\\d+%\\))?->");

    private static final long TAIL = 1 << 20;

    /** Bytes uploaded before the measured upload, in the same API process. */
    private static final long WARM_UP = 100L << 20;

    private final Bench bench;

    UploadBench(Bench bench) {
        this.bench = bench;
    }

    Table run() throws Exception {
        Table table =
                new Table(
                        "Upload: tus into the embedded S3 (lectern api in a child JVM)",
                        "size",
                        "API JVM",
                        "PATCH MB/s",
                        "last PATCH (complete + validate) s",
                        "peak heap MiB",
                        "GCs",
                        "peak RSS MiB");
        record Point(long bytes, String label, List<String> jvm) {}
        List<String> defaults = ChildJvm.serviceOptions(bench.lecternJar);
        // The target's heap cap replaces the starting heap, which may not exceed it.
        List<String> capped =
                Stream.concat(
                                defaults.stream().filter(option -> !option.startsWith("-Xms")),
                                Stream.of("-Xmx256m"))
                        .toList();
        List<Point> points =
                bench.quick
                        ? List.of(new Point(100L << 20, "100 MB", defaults))
                        : List.of(
                                new Point(100L << 20, "100 MB", defaults),
                                new Point(2L << 30, "2 GB", defaults),
                                new Point(2L << 30, "2 GB", capped));
        for (Point point : points) {
            Bench.log("upload: " + point.label() + " with " + point.jvm());
            Path file = bench.inputs.randomFile(point.bytes());
            measure(table, point.label(), point.jvm(), file, bench.inputs.randomFile(WARM_UP));
        }
        table.note(
                "Measured after a 100 MB warm-up upload in the same API process. Random bytes (the validation then rejects them as NOT_MEDIA, which is why the last PATCH is quick to"
                        + " judge). Default part size (LECTERN_S3_PART_SIZE_MB=16). Targets (issue 3): ≥ 150 MB/s and a peak heap ≤ 256 MB"
                        + " for 2 GB. \"Peak heap\" is the largest heap in use when a collection started (-Xlog:gc); without -Xmx the JVM"
                        + " sizes its young generation from the machine's memory and lets garbage accumulate, so the full run adds a 2 GB"
                        + " row with -Xmx256m to show whether the upload fits the target.");
        return table;
    }

    private void measure(Table table, String label, List<String> jvmOptions, Path file, Path warmUp)
            throws Exception {
        Path dir = bench.dir("upload-" + file.getFileName() + "-" + jvmOptions.size());
        Map<String, String> settings = new HashMap<>();
        settings.put("LECTERN_DATA_DIR", dir.resolve("data").toString());
        settings.put("LECTERN_HTTP_HOST", "127.0.0.1");
        settings.put("LECTERN_HTTP_PORT", "0");
        settings.put("LECTERN_LOG_LEVEL", "warn");
        String token =
                ChildJvm.runToEnd(
                                bench.lecternJar,
                                List.of("token", "--user", "uploader", "--admin"),
                                settings,
                                dir.resolve("token.log"))
                        .lines()
                        .filter(l -> l.startsWith("ey"))
                        .findFirst()
                        .orElseThrow();
        Path gcLog = dir.resolve("gc.log");
        List<String> jvm = new ArrayList<>(jvmOptions);
        jvm.add("-Xlog:gc:file=" + gcLog);
        try (ChildJvm api =
                ChildJvm.start(
                        bench.lecternJar, jvm, List.of("api"), settings, dir.resolve("api.log"))) {
            String base = api.awaitLog(RUNNING, 120).replace("localhost", "127.0.0.1");
            Api admin = new Api(base, token);
            String course = admin.createCourse("UP" + System.nanoTime() % 100000);
            // A server that has been up a while: its code compiled, its heap in use.
            String first = admin.createLecture(course, "warm-up");
            admin.patch(admin.createUpload(first, WARM_UP, "warm-up.bin"), warmUp, 0, WARM_UP);
            String lecture = admin.createLecture(course, "upload " + label);
            long size = Files.size(file);
            String upload = admin.createUpload(lecture, size, "upload.bin");
            long start = System.nanoTime();
            admin.patch(upload, file, 0, size - TAIL);
            double transfer = (System.nanoTime() - start) / 1e9;
            long last = System.nanoTime();
            admin.patch(upload, file, size - TAIL, TAIL);
            double completion = (System.nanoTime() - last) / 1e9;
            double rss = api.peakRssMiB();
            long[] heap = peakHeap(gcLog);
            table.row(
                    label,
                    String.join(" ", jvmOptions),
                    Format.f0((size - TAIL) / 1e6 / transfer),
                    Format.f1(completion),
                    heap[1] == 0 ? "no GC ran" : Long.toString(heap[0]),
                    heap[1],
                    Format.f0(rss));
        }
        Bench.deleteTree(dir.resolve("data"));
    }

    /** {peak MiB, number of collections} from a unified GC log. */
    static long[] peakHeap(Path gcLog) throws IOException {
        long peak = 0;
        long count = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = BEFORE_GC.matcher(line);
            if (m.find()) {
                long value = Long.parseLong(m.group(1));
                long mib =
                        switch (m.group(2)) {
                            case "K" -> value / 1024;
                            case "G" -> value * 1024;
                            default -> value;
                        };
                peak = Math.max(peak, mib);
                count++;
            }
        }
        return new long[] {peak, count};
    }
}
