package dev.lectern.bench;

import dev.lectern.catalog.ContentAnalysis;
import dev.lectern.catalog.StorageKeys;
import dev.lectern.infra.media.MediaInput;
import dev.lectern.infra.media.MediaProbe;
import dev.lectern.infra.media.SourceFacts;
import dev.lectern.infra.storage.ObjectStore.ObjectInfo;
import dev.lectern.transcode.analysis.ContentAnalyzer;
import dev.lectern.transcode.ffmpeg.LadderCommand;
import dev.lectern.transcode.ladder.Ladder;
import dev.lectern.transcode.ladder.LadderPlanner;
import dev.lectern.transcode.ladder.VideoRung;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Lectern's real pipeline against the bare single ffmpeg command it runs (the floor) and one
 * ffmpeg per rendition (PeerTube/MediaCMS), on the same source in the same run.
 */
final class TranscodeBench {
    /** A generated source and the Lectern measurement of it (reused by time-to-playable). */
    record Source(String name, Path file, int width, int height, double seconds) {
        double minutes() {
            return seconds / 60;
        }
    }

    private final Bench bench;
    private final InProcessLectern app;
    private final Api teacher;
    private final String course;

    TranscodeBench(Bench bench, InProcessLectern app, Api teacher, String course) {
        this.bench = bench;
        this.app = app;
        this.teacher = teacher;
        this.course = course;
    }

    /** Runs all three ways on {@code source}, adding rows to the shared tables. */
    Playable.Times run(Source source, Table speed, Table rungs, Table ocr) throws Exception {
        Bench.log("transcode " + source.name() + ": Lectern (tus upload → ready)");
        Playable.Times lectern =
                Playable.run(
                        teacher, course, source.file(), source.name(), 60 + source.seconds() * 6);

        Bench.log("transcode " + source.name() + ": bare ffmpeg with Lectern's ladder command");
        Path scratch = bench.dir("transcode-" + source.name());
        SourceFacts facts = new MediaProbe(bench.tools).probe(MediaInput.file(source.file()));
        ContentAnalysis analysis =
                new ContentAnalyzer(bench.tools)
                        .analyze(MediaInput.file(source.file()), facts, bench.dir("analysis"));
        Ladder ladder = LadderPlanner.plan(facts, analysis);
        // The same threads the running service gives its encodes, so only the pipeline differs.
        int threads = app.lectern.infrastructure().config.transcode().threads();
        Path bareDir = scratch.resolve("bare");
        bareDir.resolve("thumbs").toFile().mkdirs();
        List<String> bareCommand =
                LadderCommand.build(
                        bench.tools,
                        MediaInput.file(source.file()),
                        facts,
                        ladder,
                        bareDir,
                        threads,
                        0);
        Ffmpeg.Run bare = bench.ffmpeg.runCommand("bare-" + source.name(), bareCommand);

        Bench.log("transcode " + source.name() + ": one ffmpeg per rendition");
        Path perDir = scratch.resolve("per-rendition");
        double perWall = 0;
        double perCpu = 0;
        List<List<String>> perCommands =
                PerRenditionCommands.build(bench.tools, source.file(), ladder, perDir, threads);
        for (int i = 0; i < perCommands.size(); i++) {
            Ffmpeg.Run run =
                    bench.ffmpeg.runCommand("per-" + source.name() + "-" + i, perCommands.get(i));
            perWall += run.wallSeconds();
            perCpu += run.cpuSeconds();
        }

        double minutes = source.minutes();
        String kind = ladder.kind().name().toLowerCase();
        String ladderText =
                String.join(
                        " ",
                        ladder.video().stream()
                                .map(r -> r.id() + "@" + r.frameRate().ffmpeg())
                                .toList());
        speed.row(
                source.name() + " (" + kind + "; " + ladderText + ")",
                "Lectern (upload complete → ready)",
                Format.f1(lectern.toReadySeconds()),
                Format.f1(source.seconds() / lectern.toReadySeconds()) + "×",
                Format.f1(lectern.cpuSeconds() / minutes),
                Format.percent(lectern.toReadySeconds() / bare.wallSeconds() - 1));
        speed.row(
                "",
                "bare ffmpeg, same ladder command (floor)",
                Format.f1(bare.wallSeconds()),
                Format.f1(source.seconds() / bare.wallSeconds()) + "×",
                Format.f1(bare.cpuSeconds() / minutes),
                "0 (reference)");
        speed.row(
                "",
                "one ffmpeg per rendition ("
                        + perCommands.size()
                        + (perCommands.size() == 1 ? " process)" : " processes)"),
                Format.f1(perWall),
                Format.f1(source.seconds() / perWall) + "×",
                Format.f1(perCpu / minutes),
                Format.percent(perWall / bare.wallSeconds() - 1));

        Bench.log("transcode " + source.name() + ": sizes and SSIM per rung");
        Map<String, Long> bytes = publishedBytes(lectern.lectureId());
        Map<String, Double> ssim = Quality.ssim(bench, source.file(), ladder, bareDir);
        long total = bytes.values().stream().mapToLong(Long::longValue).sum();
        for (VideoRung rung : ladder.video()) {
            long b = bytes.getOrDefault(rung.id(), 0L);
            rungs.row(
                    source.name(),
                    rung.id()
                            + " "
                            + rung.width()
                            + "x"
                            + rung.height()
                            + "@"
                            + rung.frameRate().ffmpeg(),
                    Format.f2(b / 1e6 / minutes),
                    Format.f0(b * 8 / source.seconds() / 1000),
                    Format.f4(ssim.get(rung.id())));
        }
        for (var entry : bytes.entrySet()) {
            boolean rung = ladder.video().stream().anyMatch(r -> r.id().equals(entry.getKey()));
            if (!rung) {
                rungs.row(
                        source.name(),
                        entry.getKey(),
                        Format.f2(entry.getValue() / 1e6 / minutes),
                        Format.f0(entry.getValue() * 8 / source.seconds() / 1000),
                        "");
            }
        }
        rungs.row(
                source.name(),
                "everything published",
                Format.f2(total / 1e6 / minutes),
                Format.f0(total * 8 / source.seconds() / 1000),
                "");

        if (analysis.kind() == dev.lectern.catalog.ContentKind.SCREENCAST && ocr != null) {
            VideoRung lowest = ladder.lowestRung();
            if (Ocr.available()) {
                Bench.log("transcode " + source.name() + ": OCR of the lowest rung");
                Ocr.Recall recall =
                        Ocr.recall(
                                bench,
                                source.file(),
                                source.width(),
                                source.height(),
                                source.seconds(),
                                lowest,
                                bareDir.resolve(lowest.id()).resolve("index.m3u8"),
                                scratch.resolve("ocr"));
                long lowBytes =
                        bytes.getOrDefault(lowest.id(), 0L)
                                + bytes.getOrDefault(ladder.groupAudio().id(), 0L);
                ocr.row(
                        source.name(),
                        lowest.id() + " " + lowest.width() + "x" + lowest.height(),
                        Format.f0(lowBytes * 8 / source.seconds() / 1000),
                        Format.f1(recall.rungVsSource() * 100) + " %",
                        Format.f1(recall.sourceVsTruth() * 100) + " %",
                        recall.frames());
            } else {
                ocr.row(
                        source.name(),
                        lowest.id(),
                        "",
                        "tesseract not installed: not measured",
                        "",
                        "");
            }
        }
        // Printed as soon as known: a long run stopped later still leaves these figures behind.
        Bench.log("transcode " + source.name() + " so far:\n" + speed.text() + rungs.text());
        return lectern;
    }

    /** Bytes of the published version per top-level entry (rung folder, audio, downloads, thumbs). */
    private Map<String, Long> publishedBytes(String lectureId) {
        UUID id = UUID.fromString(lectureId);
        int version =
                teacher.call("GET", "/api/v1/lectures/" + lectureId, null, 200)
                        .getInteger("publishedVersion");
        String prefix = StorageKeys.versionPrefix(id, version);
        List<ObjectInfo> objects = app.lectern.infrastructure().store.list(prefix).await();
        Map<String, Long> bytes = new TreeMap<>();
        for (ObjectInfo object : objects) {
            String rest = object.key().substring(prefix.length());
            String top = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
            bytes.merge(top, object.size(), Long::sum);
        }
        return bytes;
    }

    static Table speedTable() {
        return new Table(
                "Transcode: wall time and CPU",
                "source",
                "run",
                "wall s",
                "× realtime",
                "CPU s / source min",
                "vs bare ffmpeg");
    }

    static Table rungTable() {
        return new Table(
                "Transcode: output per rung (Lectern's published objects) and SSIM",
                "source",
                "rendition",
                "MB / source min",
                "avg kb/s",
                "SSIM vs scaled source");
    }

    static Table ocrTable() {
        return new Table(
                "Screencast: slide text in the lowest rung (Tesseract OCR)",
                "source",
                "lowest rung",
                "kb/s incl. audio",
                "word recall vs source frames",
                "source frames vs drawn text",
                "frames read");
    }
}
