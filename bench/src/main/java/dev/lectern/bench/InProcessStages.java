package dev.lectern.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmarks that share one in-process Lectern: transcode, time to playable, and serving
 * (which reuses the published lectures as its segments).
 */
final class InProcessStages {
    private InProcessStages() {}

    /** Returns false when a stage failed (its failure is in the tables). */
    static boolean run(Bench bench, Set<String> only, List<Table> tables) throws Exception {
        Path data = bench.dir("lectern-data");
        Bench.log("starting Lectern in-process (embedded PostgreSQL + S3) in " + data);
        boolean ok = true;
        try (InProcessLectern app = new InProcessLectern(data, Map.of())) {
            String course = app.admin.createCourse("BENCH");
            app.admin.addMember(course, "teacher", "teacher");
            app.admin.addMember(course, "student", "student");
            Api teacher = app.admin.as(app.token("teacher", false));
            TranscodeBench transcode = new TranscodeBench(bench, app, teacher, course);
            TranscodeBench.Source screencast = null;
            Playable.Times screencastTimes = null;
            if (only.contains("transcode") || only.contains("playable")) {
                Bench.log("generating the screencast (" + bench.screencastSeconds() + " s)");
                screencast =
                        new TranscodeBench.Source(
                                "screencast",
                                bench.inputs.screencast(
                                        bench.screencastWidth(),
                                        bench.screencastHeight(),
                                        bench.screencastSeconds()),
                                bench.screencastWidth(),
                                bench.screencastHeight(),
                                bench.screencastSeconds());
            }
            if (only.contains("transcode")) {
                Table speed = TranscodeBench.speedTable();
                Table rungs = TranscodeBench.rungTable();
                Table ocr = TranscodeBench.ocrTable();
                TranscodeBench.Source screen = screencast;
                Playable.Times[] times = new Playable.Times[1];
                ok &=
                        BenchMain.guard(
                                "transcode (screencast)",
                                () -> times[0] = transcode.run(screen, speed, rungs, ocr),
                                tables);
                screencastTimes = times[0];
                ok &=
                        BenchMain.guard(
                                "transcode (camera)",
                                () -> {
                                    Bench.log(
                                            "generating the camera clip ("
                                                    + bench.cameraSeconds()
                                                    + " s)");
                                    TranscodeBench.Source camera =
                                            new TranscodeBench.Source(
                                                    "camera",
                                                    bench.inputs.camera(
                                                            bench.cameraWidth(),
                                                            bench.cameraHeight(),
                                                            bench.cameraSeconds()),
                                                    bench.cameraWidth(),
                                                    bench.cameraHeight(),
                                                    bench.cameraSeconds());
                                    transcode.run(camera, speed, rungs, null);
                                },
                                tables);
                speed.note(
                        "Wall and CPU per source minute; \"vs bare ffmpeg\" is the extra wall time over the bare command"
                                + " (Lectern's overhead: S3 fetch, analysis, downloads remux, upload, publish)."
                                + " Targets (issue 4) for the 10-minute 1080p screencast on 2 cores: ≤ 100 s end to end"
                                + " (≥ 6× realtime), ≤ 18 CPU-s per source minute, at most 5 % slower than the bare command.");
                rungs.note(
                        "Bytes are Lectern's published objects in S3; SSIM is measured on the bare run's rungs (the same"
                                + " ffmpeg command), per frame against the source scaled with the ladder's scaler. Target (issue 4):"
                                + " the screencast's lowest rung with audio ≤ 120 kb/s at SSIM ≥ 0.97.");
                tables.add(0, ocr);
                tables.add(0, rungs);
                tables.add(0, speed);
            }
            if (only.contains("playable")) {
                TranscodeBench.Source screen = screencast;
                Playable.Times known = screencastTimes;
                ok &=
                        BenchMain.guard(
                                "time to playable",
                                () ->
                                        tables.addAll(
                                                new PlayableBench(bench, teacher, course)
                                                        .run(screen, known)),
                                tables);
            }
            if (only.contains("serving")) {
                ok &=
                        BenchMain.guard(
                                "serving",
                                () ->
                                        tables.addAll(
                                                new ServingBench(bench, app, teacher, course)
                                                        .run()),
                                tables);
            }
        }
        return ok;
    }
}
