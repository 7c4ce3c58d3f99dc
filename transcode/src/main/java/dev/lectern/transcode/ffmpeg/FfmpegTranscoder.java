package dev.lectern.transcode.ffmpeg;

import dev.lectern.catalog.ContentAnalysis;
import dev.lectern.catalog.RenditionSet;
import dev.lectern.catalog.RenditionSet.Downloads;
import dev.lectern.infra.media.MediaTools;
import dev.lectern.infra.media.SourceFacts;
import dev.lectern.transcode.EncodePlan;
import dev.lectern.transcode.TranscodeException;
import dev.lectern.transcode.TranscodeProgress;
import dev.lectern.transcode.TranscodeProgress.Phase;
import dev.lectern.transcode.TranscodeRequest;
import dev.lectern.transcode.TranscodeResult;
import dev.lectern.transcode.Transcoder;
import dev.lectern.transcode.analysis.ContentAnalyzer;
import dev.lectern.transcode.ladder.Ladder;
import dev.lectern.transcode.ladder.LadderPlanner;
import dev.lectern.transcode.packaging.MediaPlaylist;
import dev.lectern.transcode.packaging.OutputAssembler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Transcoder} on the bundled ffmpeg: analyse (a few seconds), plan (pure), encode
 * every rendition in one ffmpeg process, then describe what was written (manifests, downloads).
 * Progress share: analysis 0–3 %, encode 3–95 %, packaging 95–100 %.
 */
public final class FfmpegTranscoder implements Transcoder {
    private static final Logger LOG = LoggerFactory.getLogger(FfmpegTranscoder.class);
    private static final double ENCODE_FROM = 3;
    private static final double ENCODE_TO = 95;

    private final MediaTools tools;
    private final TranscodeOptions options;
    private final ContentAnalyzer analyzer;

    public FfmpegTranscoder(MediaTools tools, TranscodeOptions options) {
        this.tools = tools;
        this.options = options;
        this.analyzer = new ContentAnalyzer(tools);
    }

    /** Where a transcode in {@code workDir} writes its outputs, known before it starts. */
    public static Path outputDir(Path workDir) {
        return workDir.resolve("output");
    }

    @Override
    public TranscodeResult transcode(TranscodeRequest request) {
        Path output = outputDir(request.workDir());
        Path scratch = request.workDir().resolve("scratch");
        try {
            Files.createDirectories(output.resolve("thumbs"));
            Files.createDirectories(scratch);
            RenditionSet renditions = run(request, output, scratch);
            return new TranscodeResult(output, renditions);
        } catch (IOException e) {
            deleteTree(output);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            deleteTree(output);
            throw e;
        } finally {
            deleteTree(scratch);
        }
    }

    private RenditionSet run(TranscodeRequest request, Path output, Path scratch) {
        SourceFacts facts = request.facts();
        var cancellation = request.cancellation();
        request.progress().onProgress(new TranscodeProgress(Phase.ANALYSING, 0, 0, -1));
        long started = System.nanoTime();
        ContentAnalysis analysis = analyzer.analyze(request.source(), facts, scratch);
        cancellation.check();
        Ladder ladder = LadderPlanner.plan(facts, analysis);
        LOG.info(
                "{}: {} (static {}, {} scene changes/min), rungs {}",
                request.source(),
                analysis.kind(),
                analysis.staticFrameFraction(),
                analysis.sceneChangesPerMinute(),
                ladder.video().stream().map(r -> r.id() + "@" + r.frameRate().ffmpeg()).toList());
        if (!ladder.hasVideo()) {
            deleteTree(output.resolve("thumbs"));
        }
        List<String> command =
                LadderCommand.build(
                        tools,
                        request.source(),
                        facts,
                        ladder,
                        output,
                        options.threads(),
                        options.maxSpeed());
        var tracker =
                new ProgressTracker(
                        request.progress(),
                        facts.durationSeconds(),
                        ENCODE_FROM,
                        ENCODE_TO,
                        System::nanoTime);
        request.progress().onEncodeStarted(new EncodePlan(facts, analysis, ladder, output));
        FfmpegRun.run(
                command, options.timeLimit(facts.durationSeconds()), cancellation, tracker::accept);
        request.progress().onProgress(new TranscodeProgress(Phase.PACKAGING, ENCODE_TO, 0, -1));
        Map<String, MediaPlaylist> playlists = OutputAssembler.playlists(output, ladder);
        if (ladder.hasVideo()
                && !(Files.isRegularFile(output.resolve(LadderCommand.POSTER))
                        && Files.isRegularFile(output.resolve(LadderCommand.SPRITE)))) {
            throw new TranscodeException(
                    TranscodeException.Reason.BAD_OUTPUT, "ffmpeg wrote no poster or sprite");
        }
        Downloads downloads =
                DownloadRemuxer.remux(tools, ladder, playlists, output, scratch, cancellation);
        RenditionSet renditions =
                OutputAssembler.assemble(output, facts, analysis, ladder, playlists, downloads);
        LOG.info(
                "{} transcoded in {} s",
                request.source(),
                (System.nanoTime() - started) / 1_000_000_000);
        request.progress().onProgress(new TranscodeProgress(Phase.DONE, 100, 0, 0));
        return renditions;
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(
                            path -> {
                                try {
                                    Files.deleteIfExists(path);
                                } catch (IOException e) {
                                    LOG.warn("cannot delete {}: {}", path, e.getMessage());
                                }
                            });
        } catch (IOException e) {
            LOG.warn("cannot clean {}: {}", root, e.getMessage());
        }
    }
}
