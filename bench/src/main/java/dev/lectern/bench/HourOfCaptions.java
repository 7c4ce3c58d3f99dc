package dev.lectern.bench;

import dev.lectern.speech.engine.LectureSet;
import dev.lectern.speech.engine.SpokenLecture;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A 60-minute lecture through the service with the embedded engine: upload → ready → captions
 * published; and a camera transcode started while the recognition runs, against the same
 * transcode alone, to show the background lane leaves encodes their cores.
 */
final class HourOfCaptions {
    static final int SECONDS = 3600;

    /** The transcode timed beside the recognition: long enough to share the machine a while. */
    static final int PROBE_SECONDS = 120;

    private final Bench bench;
    private final Path dir;

    HourOfCaptions(Bench bench, Path dir) {
        this.bench = bench;
        this.dir = dir;
    }

    Table run(Collection<SpokenLecture> spoken) throws Exception {
        Table table =
                new Table(
                        "Automatic captions of a 60-minute lecture (PocketSphinx, 2 cores)",
                        "what",
                        "seconds",
                        "note");
        try (InProcessLectern app =
                new InProcessLectern(
                        bench.dir("captions-lectern"),
                        Map.of("LECTERN_CAPTIONS_ENGINE", "pocketsphinx"))) {
            String course = app.admin.createCourse("HOUR");
            app.admin.addMember(course, "teacher", "teacher");
            Api teacher = app.admin.as(app.token("teacher", false));
            teacher.call(
                    "PATCH",
                    "/api/v1/courses/" + course,
                    new JsonObject().put("glossary", new JsonArray(glossary())),
                    200);
            Path probe =
                    bench.inputs.camera(bench.cameraWidth(), bench.cameraHeight(), PROBE_SECONDS);
            Bench.log("captions: a " + PROBE_SECONDS + " s camera transcode alone");
            Playable.Times alone = Playable.run(teacher, course, probe, "probe alone", 900);

            Path pcm =
                    CaptionsBench.repeated(
                            new ArrayList<>(spoken), SECONDS, dir.resolve("hour.pcm"));
            Path m4a = dir.resolve("hour.m4a");
            bench.ffmpeg.run("hour-audio", SpokenLecture.aacArguments(pcm, m4a));
            Bench.log("captions: the 60-minute lecture, upload → ready");
            Playable.Times hour = Playable.run(teacher, course, m4a, "An hour of speech", 1800);
            long readyAt = System.nanoTime();
            awaitState(teacher, hour.lectureId(), Set.of("running"), 600);
            Bench.log("captions: recognition runs; the camera transcode again beside it");
            Playable.Times beside = Playable.run(teacher, course, probe, "probe beside", 900);
            boolean overlapped =
                    state(teacher, hour.lectureId()).getString("state").equals("running");
            JsonObject done = awaitState(teacher, hour.lectureId(), Set.of("done", "failed"), 3600);
            double captions = (System.nanoTime() - readyAt) / 1e9;
            double growth = beside.toReadySeconds() / alone.toReadySeconds() - 1;
            table.row(
                    "60-minute lecture: upload complete → ready",
                    Format.f0(hour.toReadySeconds()),
                    "audio only: the captions job reads the lecture's audio download");
            table.row(
                    "ready → captions " + done.getString("state"),
                    Format.f0(captions),
                    Format.f1(captions / 60) + " min; target ≤ 15 min");
            table.row(
                    PROBE_SECONDS + " s camera transcode alone (upload complete → ready)",
                    Format.f1(alone.toReadySeconds()),
                    "");
            table.row(
                    "the same beside the recognition",
                    Format.f1(beside.toReadySeconds()),
                    Format.percent(growth)
                            + " longer; target ≤ 5 %"
                            + (overlapped
                                    ? ""
                                    : " (recognition ended before it: not a fair test)"));
        }
        table.note(
                "The lecture is the synthesised set repeated to an hour, spoken by espeak-ng. Recognition runs"
                        + " in the worker's background lane (LECTERN_WORKER_BACKGROUND_CONCURRENCY=1), the engine"
                        + " under nice -n 10; the camera transcode runs in the main lane at normal priority.");
        return table;
    }

    private static List<String> glossary() {
        Set<String> terms = new LinkedHashSet<>();
        LectureSet.ALL.forEach(l -> terms.addAll(l.vocabulary().glossary()));
        return List.copyOf(terms);
    }

    private static JsonObject state(Api teacher, String lecture) {
        return teacher.call(
                "GET", "/api/v1/lectures/" + lecture + "/captions/automatic", null, 200);
    }

    private static JsonObject awaitState(
            Api teacher, String lecture, Set<String> states, int seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        JsonObject status = state(teacher, lecture);
        while (!states.contains(status.getString("state")) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            status = state(teacher, lecture);
        }
        if (!states.contains(status.getString("state"))) {
            throw new IllegalStateException("captions stayed " + status.encode());
        }
        return status;
    }
}
