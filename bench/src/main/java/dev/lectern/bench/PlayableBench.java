package dev.lectern.bench;

import java.nio.file.Path;

/** Upload complete → ready → first segment, for screencasts of growing length. */
final class PlayableBench {
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
    Table run(TranscodeBench.Source screencast, Playable.Times known) throws Exception {
        Table table =
                new Table(
                        "Time to playable (screencast "
                                + screencast.width()
                                + "x"
                                + screencast.height()
                                + ")",
                        "source length",
                        "upload s",
                        "complete → ready s",
                        "complete → first segment s",
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
        if (!bench.quick && !bench.hourPoint) {
            table.note("The 60-minute point was left out (--no-hour).");
            return table;
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
        table.note(
                "The long source is the screencast repeated "
                        + times
                        + "× (stream copy). The upload column is the tus upload"
                        + " through the API, including validation of the complete file.");
        return table;
    }

    private static void point(Table table, double seconds, Playable.Times t) {
        table.row(
                seconds >= 60 ? Format.f0(seconds / 60) + " min" : Format.f0(seconds) + " s",
                Format.f1(t.uploadSeconds()),
                Format.f1(t.toReadySeconds()),
                Format.f1(t.toSegmentSeconds()),
                Format.f1(seconds / t.toReadySeconds()) + "×");
    }
}
