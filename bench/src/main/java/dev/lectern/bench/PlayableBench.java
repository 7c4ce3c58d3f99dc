package dev.lectern.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Upload complete → first segment → ready, for screencasts of growing length, a 60-minute camera
 * source and a browser recording (Stop → playable); and the full ladder's end with progressive
 * publishing switched off, in the same run.
 */
final class PlayableBench {
    /** Alternating pairs of the comparison with progressive publishing switched off. */
    private static final int PAIRS = 3;

    private final Bench bench;
    private final Api teacher;
    private final String course;

    PlayableBench(Bench bench, Api teacher, String course) {
        this.bench = bench;
        this.teacher = teacher;
        this.course = course;
    }

    /**
     * @param screencast the transcode benchmark's screencast (one of the points)
     * @param known its measurement when the transcode benchmark already made it, else null
     */
    List<Table> run(TranscodeBench.Source screencast, Playable.Times known) throws Exception {
        Table table =
                new Table(
                        "Time to playable (screencast "
                                + screencast.width()
                                + "x"
                                + screencast.height()
                                + ")",
                        "source",
                        "upload s",
                        "complete → first segment s",
                        "complete → ready s",
                        "× realtime");
        int shortSeconds = bench.quick ? 10 : 60;
        Path shortOne =
                bench.inputs.screencast(screencast.width(), screencast.height(), shortSeconds);
        point(
                table,
                shortSeconds,
                Playable.run(teacher, course, shortOne, "playable-" + shortSeconds, 600));
        point(
                table,
                screencast.seconds(),
                known != null
                        ? known
                        : Playable.run(
                                teacher,
                                course,
                                screencast.file(),
                                "playable-" + screencast.seconds(),
                                60 + screencast.seconds() * 6));
        recording(table);
        if (!bench.quick && !bench.hourPoint) {
            table.note("The 60-minute points were left out (--no-hour).");
            return List.of(table);
        }
        int times = bench.quick ? 2 : 6;
        double longSeconds = screencast.seconds() * times;
        Path longOne =
                bench.inputs.repeated(
                        screencast.file(),
                        times,
                        screencast
                                .file()
                                .getFileName()
                                .toString()
                                .replace(".mp4", "-x" + times + ".mp4"));
        Bench.log("time to playable: " + longSeconds + " s source");
        point(
                table,
                longSeconds,
                Playable.run(
                        teacher,
                        course,
                        longOne,
                        "playable-" + longSeconds,
                        120 + longSeconds * 6));
        if (!bench.quick) {
            longCamera(table);
        }
        table.note(
                "The long screencast is the screencast repeated "
                        + times
                        + "× (stream copy). The upload column is the tus upload through the API,"
                        + " including validation of the complete file. The first segment is fetched"
                        + " through the playback URL as a player would, while the rest is still being"
                        + " encoded (progressive publishing). Target (issue #16): ≤ 15 s from upload"
                        + " complete to the first segment for every length, and from Stop to playable.");
        List<Table> tables = new ArrayList<>(List.of(table));
        if (!bench.quick) {
            tables.add(withoutProgressive(shortOne, shortSeconds));
        }
        return tables;
    }

    /** A browser recording: Stop → first segment and → ready. */
    private void recording(Table table) throws Exception {
        int seconds = bench.quick ? 20 : 300;
        Path webm =
                bench.inputs.recording(
                        bench.inputs.screencast(1280, 720, seconds),
                        "recording-1280x720-%ds.webm".formatted(seconds));
        Bench.log("time to playable: a " + seconds + " s browser recording");
        Playable.Times t =
                Playable.recording(teacher, course, webm, "recording-" + seconds, 60 + seconds * 6);
        table.row(
                length(seconds) + " browser recording (WebM, Stop →)",
                Format.f1(t.uploadSeconds()),
                Format.f1(t.toSegmentSeconds()),
                Format.f1(t.toReadySeconds()),
                Format.f1(seconds / t.toReadySeconds()) + "×");
    }

    /** A 60-minute camera source with its index at the end, to its first segment only. */
    private void longCamera(Table table) throws Exception {
        int times = 360;
        Path camera =
                bench.inputs.repeated(
                        bench.inputs.camera(640, 360, 10),
                        times,
                        "camera-640x360-10s-x" + times + "-moov-at-end.mp4",
                        false);
        Bench.log("time to first segment: a 60-minute camera source");
        double[] t = Playable.firstSegmentOnly(teacher, course, camera, "camera-60min", 600);
        table.row(
                "60 min camera 640x360 (index at the end)",
                Format.f1(t[0]),
                Format.f1(t[1]),
                "—",
                "—");
    }

    /**
     * The whole ladder's end, upload complete → ready, with progressive publishing on (this run's
     * service) and off (a second in-process service), in alternating pairs on the same source.
     */
    private Table withoutProgressive(Path source, int seconds) throws Exception {
        Table table =
                new Table(
                        "Full ladder with and without progressive publishing ("
                                + length(seconds)
                                + " screencast)",
                        "pair",
                        "on: complete → ready s",
                        "off: complete → ready s",
                        "on / off");
        List<Double> on = new ArrayList<>();
        List<Double> off = new ArrayList<>();
        try (InProcessLectern sequential =
                new InProcessLectern(
                        bench.dir("lectern-data-sequential"),
                        Map.of("LECTERN_TRANSCODE_PROGRESSIVE", "off"))) {
            String otherCourse = sequential.admin.createCourse("BENCH-OFF");
            sequential.admin.addMember(otherCourse, "teacher", "teacher");
            Api otherTeacher = sequential.admin.as(sequential.token("teacher", false));
            for (int i = 0; i < PAIRS; i++) {
                Bench.log("progressive on/off, pair " + (i + 1));
                on.add(Playable.run(teacher, course, source, "on-" + i, 600).toReadySeconds());
                off.add(
                        Playable.run(otherTeacher, otherCourse, source, "off-" + i, 600)
                                .toReadySeconds());
                table.row(
                        Integer.toString(i + 1),
                        Format.f1(on.get(i)),
                        Format.f1(off.get(i)),
                        Format.f2(on.get(i) / off.get(i)));
            }
        }
        double ratio = median(on) / median(off);
        table.row("median", Format.f1(median(on)), Format.f1(median(off)), Format.f2(ratio));
        table.note(
                "Target (issue #16): the full ladder ends no more than 5 % later with progressive"
                        + " publishing than without (on / off ≤ 1.05). The second service runs in the"
                        + " same JVM with its own embedded PostgreSQL and S3; pairs alternate so load"
                        + " changes on the shared machine fall on both sides.");
        return table;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String length(double seconds) {
        return seconds >= 60 ? Format.f0(seconds / 60) + " min" : Format.f0(seconds) + " s";
    }

    private static void point(Table table, double seconds, Playable.Times t) {
        table.row(
                length(seconds) + " screencast",
                Format.f1(t.uploadSeconds()),
                Format.f1(t.toSegmentSeconds()),
                Format.f1(t.toReadySeconds()),
                Format.f1(seconds / t.toReadySeconds()) + "×");
    }
}
