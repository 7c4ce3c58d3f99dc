package dev.lectern.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./bench/run [--quick] [--only a,b] [--out FILE]}: generates the inputs, runs every
 * benchmark, prints a summary table and writes the Markdown report.
 */
public final class BenchMain {
    static final List<String> STAGES =
            List.of(
                    "transcode",
                    "playable",
                    "serving",
                    "upload",
                    "scale",
                    "captions",
                    "slides",
                    "soak");

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        // The service's own info logs would drown the progress lines; warnings still show.
        ((ch.qos.logback.classic.Logger)
                        org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        boolean quick = false;
        boolean hourPoint = true;
        String note = null;
        Set<String> only = new LinkedHashSet<>(STAGES);
        Path out = null;
        Path work = Path.of("target/bench");
        Path jar = Path.of("app/target/lectern.jar");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--no-hour" -> hourPoint = false;
                case "--note" -> note = args[++i];
                case "--only" -> {
                    only = new LinkedHashSet<>(List.of(args[++i].split(",")));
                    if (!STAGES.containsAll(only)) {
                        usage("unknown stage in " + only + "; stages: " + STAGES);
                    }
                }
                case "--out" -> out = Path.of(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--jar" -> jar = Path.of(args[++i]);
                case "-h", "--help" -> usage(null);
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (out == null) {
            out = quick ? work.resolve("benchmarks.md") : Path.of("docs/benchmarks.md");
        }
        System.exit(run(quick, hourPoint, note, only, out, work, jar));
    }

    private static void usage(String problem) {
        if (problem != null) {
            System.err.println("bench: " + problem);
        }
        System.err.println(
                "usage: ./bench/run [--quick] [--no-hour] [--only "
                        + String.join(",", STAGES)
                        + "] [--out FILE] [--note TEXT]");
        System.exit(problem == null ? 0 : 2);
    }

    static int run(
            boolean quick,
            boolean hourPoint,
            String note,
            Set<String> only,
            Path out,
            Path work,
            Path jar)
            throws Exception {
        long started = System.nanoTime();
        String loadBefore = Machine.loadAverage();
        double stealBefore = Machine.stealSeconds();
        Bench bench =
                new Bench(
                        quick, work.resolve(quick ? "quick" : "full"), work.resolve("inputs"), jar);
        bench.hourPoint = hourPoint;
        Machine machine = Machine.describe(bench.tools.version());
        Bench.log(
                (quick ? "quick" : "full")
                        + " run on "
                        + machine.describe()
                        + "; load "
                        + loadBefore);
        List<Table> tables = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String stage : STAGES) {
            if (!only.contains(stage)) {
                skipped.add(stage + " (not selected)");
            }
        }
        if (!quick && !hourPoint && only.contains("playable")) {
            skipped.add("the 60-minute time-to-playable point (--no-hour)");
        }
        boolean failed = false;
        if (only.contains("transcode") || only.contains("playable") || only.contains("serving")) {
            failed |= !InProcessStages.run(bench, only, tables);
        }
        if (only.contains("upload")) {
            failed |= !guard("upload", () -> tables.add(new UploadBench(bench).run()), tables);
        }
        if (only.contains("scale")) {
            failed |= !guard("scale", () -> tables.add(new ScaleBench(bench).run()), tables);
        }
        if (only.contains("captions")) {
            failed |=
                    !guard("captions", () -> tables.addAll(new CaptionsBench(bench).run()), tables);
        }
        if (only.contains("slides")) {
            failed |= !guard("slides", () -> tables.add(new SlidesBench(bench).run()), tables);
        }
        if (only.contains("soak")) {
            failed |= !guard("soak", () -> tables.add(new SoakBench(bench).run()), tables);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        tables.add(durations(seconds));
        Report.write(
                out,
                quick,
                note,
                machine,
                loadBefore,
                Machine.loadAverage() + stolen(stealBefore, seconds, machine.cores()),
                seconds,
                tables,
                skipped);
        System.out.println();
        System.out.println(
                "Lectern benchmarks (" + (quick ? "quick" : "full") + ") on " + machine.describe());
        for (Table table : tables) {
            System.out.println(table.text());
        }
        System.out.println(
                "Report written to " + out.toAbsolutePath() + " in " + Format.f0(seconds) + " s");
        return failed ? 1 : 0;
    }

    interface Stage {
        void run() throws Exception;
    }

    /**
     * Runs a stage; a failure is reported as a table row (and fails the run) rather than hiding
     * the other stages' figures.
     */
    static boolean guard(String name, Stage stage, List<Table> tables) {
        long start = System.nanoTime();
        try {
            stage.run();
            return true;
        } catch (Exception | AssertionError e) {
            Bench.log(name + " FAILED: " + e);
            e.printStackTrace();
            tables.add(
                    new Table(name + ": FAILED", "error")
                            .row(String.valueOf(e.getMessage()).replace('\n', ' ')));
            return false;
        } finally {
            STAGE_SECONDS.put(name, (System.nanoTime() - start) / 1e9);
        }
    }

    /** The CPU time other guests took during the run, as words for the report. */
    private static String stolen(double before, double seconds, int cores) {
        double after = Machine.stealSeconds();
        if (before < 0 || after < 0) {
            return "";
        }
        double steal = after - before;
        return "; CPU steal (time the hypervisor gave other guests) during the run: "
                + Format.f0(steal)
                + " s, "
                + Format.f1(100 * steal / (seconds * cores))
                + " % of the cores' time";
    }

    /** How long each guarded stage took, in the order they ran. */
    private static final Map<String, Double> STAGE_SECONDS = new LinkedHashMap<>();

    /** Where the run's time went, so the slow stages are plain to see. */
    private static Table durations(double total) {
        Table table = new Table("Duration of this run by stage", "stage", "seconds", "share");
        double staged = 0;
        for (Map.Entry<String, Double> stage : STAGE_SECONDS.entrySet()) {
            staged += stage.getValue();
            table.row(
                    stage.getKey(),
                    Format.f0(stage.getValue()),
                    Format.f0(100 * stage.getValue() / total) + " %");
        }
        table.row(
                "everything else (service start-up, the screencast's generation, the report)",
                Format.f0(total - staged),
                Format.f0(100 * (total - staged) / total) + " %");
        return table;
    }
}
