package dev.lectern.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The lecture list and segment delivery under load, against the in-process service on loopback. */
final class ServingBench {
    private final Bench bench;
    private final InProcessLectern app;
    private final Api teacher;
    private final String course;

    ServingBench(Bench bench, InProcessLectern app, Api teacher, String course) {
        this.bench = bench;
        this.app = app;
        this.teacher = teacher;
        this.course = course;
    }

    List<Table> run() throws Exception {
        List<Segment> segments = smallestAndLargest();
        Bench.log("serving: seeding lectures for the list");
        for (int i = 0; i < 60; i++) {
            teacher.createLecture(course, "Seeded lecture " + i);
        }
        String student = app.token("student", false);
        String listUrl = app.admin.base + "/api/v1/lectures?course=" + course + "&limit=20";
        Table list =
                new Table(
                        "Serving: lecture list (GET /api/v1/lectures?course=…&limit=20 as a student)",
                        "target rps",
                        "achieved rps",
                        "p50 ms",
                        "p99 ms",
                        "max ms",
                        "errors");
        Table delivery =
                new Table(
                        "Serving: segment delivery (GET /media/… of the top rung, closed loop)",
                        "lecture",
                        "connections",
                        "segment KB",
                        "requests/s",
                        "MB/s",
                        "p50 ms",
                        "p99 ms",
                        "errors");
        double seconds = bench.quick ? 2 : 10;
        double warmUp = bench.quick ? 1 : 3;
        try (LoadGenerator load = new LoadGenerator()) {
            for (int rps : bench.quick ? List.of(200, 1000) : List.of(200, 1000, 2000)) {
                Bench.log(
                        "serving: list at " + rps + " rps for " + warmUp + " + " + seconds + " s");
                LoadGenerator.Result r = load.openModel(listUrl, student, rps, warmUp, seconds);
                list.row(
                        rps,
                        Format.f0(r.rps()),
                        Format.f2(r.p50Ms()),
                        Format.f2(r.p99Ms()),
                        Format.f1(r.maxMs()),
                        r.errors());
            }
            for (Segment segment : segments) {
                load.closedLoop(segment.url(), null, 4, 1);
                for (int connections : bench.quick ? List.of(8) : List.of(1, 8, 32)) {
                    Bench.log(
                            "serving: "
                                    + segment.lecture()
                                    + " segment with "
                                    + connections
                                    + " connections for "
                                    + seconds
                                    + " s");
                    LoadGenerator.Result r =
                            load.closedLoop(segment.url(), null, connections, seconds);
                    delivery.row(
                            segment.lecture(),
                            connections,
                            Format.f0(segment.bytes() / 1000.0),
                            Format.f0(r.rps()),
                            Format.f0(r.megabytesPerSecond()),
                            Format.f2(r.p50Ms()),
                            Format.f2(r.p99Ms()),
                            r.errors());
                }
            }
        }
        list.note(
                "Open model (requests leave on schedule; latency from the scheduled instant), measured for "
                        + Format.f0(seconds)
                        + " s after "
                        + Format.f0(warmUp)
                        + " s at the same rate on the same connections. The load generator runs in"
                        + " the same JVM as the service, so both share the machine's cores. Target (issue 5): p99 ≤ 20 ms at 1000 rps.");
        delivery.note(
                "Media URL with its signed token, streamed from the embedded S3 through Lectern (LECTERN_MEDIA_DELIVERY=proxy),"
                        + " for the published lectures' smallest and largest top-rung segments: a screencast segment is"
                        + " small, so its rows show the cost per request; a camera segment shows the cost per byte. The load"
                        + " generator, Lectern and s3proxy share the 2 cores. Target (issue 5): ≥ 300 MB/s over loopback.");
        return List.of(list, delivery);
    }

    /** One segment URL (with its token) to fetch over and over. */
    record Segment(String lecture, String url, long bytes) {}

    /**
     * Among the published lectures, the top-rung segments that are the smallest and the largest
     * (one lecture's largest of its first few each); transcodes a short clip when none is ready.
     */
    private List<Segment> smallestAndLargest() throws Exception {
        JsonArray ready =
                teacher.call(
                                "GET",
                                "/api/v1/lectures?course=" + course + "&status=ready&limit=20",
                                null,
                                200)
                        .getJsonArray("items");
        List<Segment> found = new ArrayList<>();
        if (ready.isEmpty()) {
            Bench.log("serving: no published lecture yet, transcoding a short clip");
            Path clip = bench.inputs.camera(1280, 720, 20);
            String id = Playable.run(teacher, course, clip, "serving-clip", 600).lectureId();
            found.add(largestTopSegment("serving-clip", id));
        } else {
            for (int i = 0; i < ready.size(); i++) {
                JsonObject lecture = ready.getJsonObject(i);
                found.add(largestTopSegment(lecture.getString("title"), lecture.getString("id")));
            }
        }
        found.sort(java.util.Comparator.comparingLong(Segment::bytes));
        return found.size() == 1 ? found : List.of(found.getFirst(), found.getLast());
    }

    /** A published lecture's largest segment among the first ones of its top rung. */
    private Segment largestTopSegment(String title, String lecture) throws Exception {
        JsonObject playback =
                teacher.call("GET", "/api/v1/lectures/" + lecture + "/playback", null, 200);
        String master = teacher.absolute(playback.getString("hls"));
        String text = Playable.text(teacher.get(master));
        String top = null;
        long best = -1;
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("#EXT-X-STREAM-INF") && line.contains("BANDWIDTH=")) {
                long bandwidth =
                        Long.parseLong(line.replaceAll(".*[^-]BANDWIDTH=([0-9]+).*", "$1"));
                if (bandwidth > best) {
                    best = bandwidth;
                    top = Playable.resolve(master, lines.get(i + 1));
                }
            }
        }
        List<String> candidates = new ArrayList<>();
        for (String line : Playable.text(teacher.get(top)).lines().toList()) {
            if (!line.isBlank() && !line.startsWith("#") && candidates.size() < 8) {
                candidates.add(Playable.resolve(top, line));
            }
        }
        String largest = candidates.getFirst();
        int size = -1;
        for (String candidate : candidates) {
            HttpResponse<byte[]> response = teacher.get(candidate);
            if (response.body().length > size) {
                size = response.body().length;
                largest = candidate;
            }
        }
        return new Segment(title, largest, size);
    }
}
