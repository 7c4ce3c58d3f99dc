package dev.lectern.app;

import dev.lectern.catalog.Catalog;
import dev.lectern.catalog.CatalogOptions;
import dev.lectern.catalog.lifecycle.LectureLifecycle;
import dev.lectern.infra.jobs.JobHandlers;
import dev.lectern.infra.media.MediaProbe;
import dev.lectern.ingest.Ingest;
import dev.lectern.ingest.IngestOptions;
import dev.lectern.slides.Slides;
import dev.lectern.speech.Speech;
import dev.lectern.transcode.ffmpeg.FfmpegTranscoder;
import dev.lectern.transcode.ffmpeg.TranscodeOptions;
import dev.lectern.transcode.worker.TranscodeJobHandler;
import java.nio.file.Path;

/**
 * The feature modules of one process, each composed once over the shared plumbing: speech and
 * slides first (the engines they find decide what the catalog says of automatic captions and
 * chapters), the catalog (its ports are what the others use), then ingest; transcode, speech and
 * slides add job handlers. The HTTP
 * event loops and the worker share these objects.
 */
public record Modules(
        Infrastructure infra, Catalog catalog, Ingest ingest, Speech speech, Slides slides)
        implements AutoCloseable {

    static Modules compose(Infrastructure infra) {
        LecternConfig config = infra.config;
        Speech speech = Speech.choose(config.speech());
        Slides slides = Slides.choose(config.slides());
        Catalog catalog =
                new Catalog(
                        infra.pool,
                        infra.store,
                        new CatalogOptions(
                                config.mediaDelivery(),
                                config.infra().worker().maxAttempts(),
                                speech.recognition(),
                                slides.reading()));
        Ingest ingest =
                new Ingest(
                        infra.vertx,
                        infra.pool,
                        infra.store,
                        infra.mediaTools,
                        catalog.ports(),
                        new IngestOptions(
                                config.ingest(), config.imports(), scratch(infra, "ingest")));
        return new Modules(infra, catalog, ingest, speech, slides);
    }

    /** Every feature's job handlers: what {@code lectern worker} runs, by lane. */
    void registerJobs(JobHandlers handlers, JobHandlers background) {
        LectureLifecycle lifecycle = catalog.ports().lifecycle();
        handlers.register(
                LectureLifecycle.TRANSCODE_JOB,
                new TranscodeJobHandler(
                        infra.vertx,
                        lifecycle,
                        infra.store,
                        new MediaProbe(infra.mediaTools),
                        new FfmpegTranscoder(
                                infra.mediaTools, TranscodeOptions.from(infra.config.transcode())),
                        scratch(infra, "transcode"),
                        infra.config.transcode().progressive()));
        ingest.registerJobs(handlers);
        speech.registerJobs(
                background,
                infra.vertx,
                catalog.automaticCaptions(),
                infra.store,
                infra.mediaTools,
                scratch(infra, "speech"));
        slides.registerJobs(
                background,
                infra.vertx,
                catalog.automaticChapters(),
                infra.store,
                infra.mediaTools,
                scratch(infra, "slides"));
    }

    private static Path scratch(Infrastructure infra, String module) {
        return scratchRoot(infra).resolve(module);
    }

    /**
     * Where every module keeps its local scratch files, in a folder of its own; job attempts'
     * folders in there are swept once their worker is gone.
     */
    static Path scratchRoot(Infrastructure infra) {
        return infra.config.infra().dataDir().resolve("tmp");
    }

    @Override
    public void close() {
        ingest.close();
    }
}
