package dev.lectern.transcode.worker;

import dev.lectern.catalog.StorageKeys;
import dev.lectern.catalog.lifecycle.LectureError;
import dev.lectern.catalog.lifecycle.LectureLifecycle;
import dev.lectern.catalog.lifecycle.LectureState;
import dev.lectern.infra.jobs.Job;
import dev.lectern.infra.jobs.JobContext;
import dev.lectern.infra.jobs.JobHandler;
import dev.lectern.infra.jobs.PermanentJobFailure;
import dev.lectern.infra.jobs.SequentialJob;
import dev.lectern.infra.media.MediaProbe;
import dev.lectern.infra.media.ObjectOverLoopback;
import dev.lectern.infra.storage.ObjectStore;
import dev.lectern.transcode.Cancellation;
import dev.lectern.transcode.EncodePlan;
import dev.lectern.transcode.ProgressListener;
import dev.lectern.transcode.TranscodeProgress;
import dev.lectern.transcode.TranscodeRequest;
import dev.lectern.transcode.TranscodeResult;
import dev.lectern.transcode.Transcoder;
import dev.lectern.transcode.ffmpeg.FfmpegTranscoder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@code transcode} job: serve the kept source to ffmpeg from S3 over loopback (ranged
 * reads, no download first), probe it, run the one-process ladder, upload the tree into a fresh
 * version folder, then switch the lecture to it. Every attempt writes its own version, so a retry
 * or a second worker after a crash never touches what students watch; leftovers of dead attempts
 * are removed before a new one starts. A lecture's first version is published while it is encoded
 * ({@link ProgressivePublisher}); an attempt that fails after students were shown it ends its
 * playlists with what was stored and keeps them.
 */
public final class TranscodeJobHandler implements JobHandler {
    private static final Logger LOG = LoggerFactory.getLogger(TranscodeJobHandler.class);
    private static final int ENCODE_THREADS = 64;

    private final Vertx vertx;
    private final LectureLifecycle lifecycle;
    private final ObjectStore store;
    private final MediaProbe probe;
    private final Transcoder transcoder;
    private final Path workRoot;
    private final VersionFolders versions;
    private final boolean progressive;

    /**
     * Encodes wait on ffmpeg for as long as the source plays, far beyond Vert.x's 60 s blocked-thread
     * warning for its default worker pool: they get a pool whose limit matches the encode time limit.
     */
    private final WorkerExecutor encoders;

    public TranscodeJobHandler(
            Vertx vertx,
            LectureLifecycle lifecycle,
            ObjectStore store,
            MediaProbe probe,
            Transcoder transcoder,
            Path workRoot,
            boolean progressive) {
        this.vertx = vertx;
        this.lifecycle = lifecycle;
        this.store = store;
        this.probe = probe;
        this.transcoder = transcoder;
        this.workRoot = workRoot;
        this.versions = new VersionFolders(store);
        this.progressive = progressive;
        this.encoders =
                vertx.createSharedWorkerExecutor(
                        "lectern-encode", ENCODE_THREADS, 48, TimeUnit.HOURS);
    }

    @Override
    public Future<Void> run(JobContext context) {
        UUID lectureId = context.job().lectureId();
        if (lectureId == null) {
            return Future.failedFuture(new PermanentJobFailure("a transcode job needs a lecture"));
        }
        Path workDir = context.scratchFolder(workRoot);
        return SequentialJob.run(
                vertx,
                job -> {
                    try {
                        LectureState lecture =
                                lifecycle
                                        .find(lectureId)
                                        .await()
                                        .filter(l -> l.sourceKey() != null)
                                        .orElseThrow(
                                                () ->
                                                        new PermanentJobFailure(
                                                                "the lecture or its source is gone"));
                        versions.removeDeadAttempts(lecture);
                        int version = lifecycle.startProcessing(lectureId).await();
                        ObjectOverLoopback source =
                                job.onEventLoop(() -> serveSource(lecture.sourceKey())).await();
                        try {
                            process(job, context, lecture, version, source, workDir);
                        } finally {
                            source.close().otherwiseEmpty().await();
                        }
                    } finally {
                        vertx.fileSystem()
                                .deleteRecursive(workDir.toString())
                                .otherwiseEmpty()
                                .await();
                    }
                });
    }

    private void process(
            SequentialJob job,
            JobContext context,
            LectureState lecture,
            int version,
            ObjectOverLoopback source,
            Path workDir) {
        String versionPrefix = StorageKeys.versionPrefix(lecture.id(), version);
        Path transcodeDir = workDir.resolve("transcode");
        Cancellation cancellation = new Cancellation();
        context.stopSignal().onSuccess(reason -> cancellation.cancel());
        var early =
                new ProgressivePublisher(
                        vertx, store, lifecycle, lecture.id(), version, versionPrefix);
        boolean publishEarly = progressive && lecture.publishedVersion() == null;
        SegmentShipper shipper =
                new SegmentShipper(
                        vertx,
                        store,
                        FfmpegTranscoder.outputDir(transcodeDir),
                        versionPrefix,
                        publishEarly ? early::afterStored : stored -> Future.succeededFuture());
        ProgressListener listener =
                new ProgressListener() {
                    @Override
                    public void onProgress(TranscodeProgress progress) {
                        report(context, progress);
                    }

                    @Override
                    public void onEncodeStarted(EncodePlan plan) {
                        early.planned(plan);
                    }
                };
        try {
            vertx.fileSystem().mkdirs(transcodeDir.toString()).await();
            shipper.start();
            TranscodeResult result =
                    encoders.<TranscodeResult>executeBlocking(
                                    () ->
                                            transcoder.transcode(
                                                    new TranscodeRequest(
                                                            source,
                                                            probe.probe(
                                                                    source,
                                                                    lecture.durationSeconds()),
                                                            transcodeDir,
                                                            listener,
                                                            cancellation)),
                                    false)
                            .await();
            Map<String, Long> shipped = shipper.finish().await();
            LOG.info(
                    "lecture {}: {} segments were stored while encoding",
                    lecture.id(),
                    shipped.size());
            new TreeUpload(vertx, store).upload(result.outputDir(), versionPrefix, shipped).await();
            lifecycle.publish(lecture.id(), version, result.renditions()).await();
        } catch (Throwable error) {
            // Wait for segment uploads still in flight, so none lands after the attempt's folder
            // is deleted or its playlists are sealed.
            shipper.finish().otherwiseEmpty().await();
            // A deleted lecture (its row goes after its objects, which stops this job) must get
            // no object back; when the catalog cannot say, students keep what they watch.
            boolean lectureGone =
                    lifecycle.find(lecture.id()).map(Optional::isEmpty).otherwise(false).await();
            if (early.shown() && !lectureGone) {
                try {
                    versions.seal(versionPrefix);
                } catch (RuntimeException e) {
                    // The next attempt seals it before it starts (removeDeadAttempts).
                    LOG.warn(
                            "lecture {}: cannot seal version {} now: {}",
                            lecture.id(),
                            version,
                            e.getMessage());
                }
            } else {
                store.deletePrefix(versionPrefix).otherwiseEmpty().await();
            }
            throw error;
        }
        LOG.info("lecture {} now serves version {}", lecture.id(), version);
        versions.removeAllBut(lecture.id(), version);
    }

    /** Progress as the lecture resource shows it: phase, percent, speed, time left. */
    private static void report(JobContext context, TranscodeProgress progress) {
        context.progress(
                new JsonObject()
                        .put("phase", progress.phase().name().toLowerCase(Locale.ROOT))
                        .put("percent", Math.round(progress.percent() * 10) / 10.0)
                        .put("speed", progress.speed())
                        .put("etaSeconds", progress.etaSeconds()));
    }

    /**
     * Serves the kept source to ffmpeg over loopback; run on the event loop, where its requests
     * are then answered.
     */
    private Future<ObjectOverLoopback> serveSource(String key) {
        return ObjectOverLoopback.open(vertx, store, key)
                .compose(
                        found ->
                                found.isPresent()
                                        ? Future.succeededFuture(found.get())
                                        : Future.failedFuture(
                                                new PermanentJobFailure(
                                                        "the source object "
                                                                + key
                                                                + " is missing")));
    }

    @Override
    public Future<Void> onGiveUp(SqlConnection transaction, Job job) {
        return lifecycle.failProcessing(
                job.lectureId(),
                new LectureError(
                        TranscodeProblem.TRANSCODE_FAILED.name(),
                        "Processing this recording failed "
                                + job.attempts()
                                + " times; the original is kept, so a teacher can try again."));
    }
}
