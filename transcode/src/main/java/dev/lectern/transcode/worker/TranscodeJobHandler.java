package dev.lectern.transcode.worker;

import dev.lectern.catalog.StorageKeys;
import dev.lectern.catalog.lifecycle.LectureError;
import dev.lectern.catalog.lifecycle.LectureLifecycle;
import dev.lectern.catalog.lifecycle.LectureState;
import dev.lectern.infra.jobs.Job;
import dev.lectern.infra.jobs.JobContext;
import dev.lectern.infra.jobs.JobHandler;
import dev.lectern.infra.jobs.PermanentJobFailure;
import dev.lectern.infra.media.MediaProbe;
import dev.lectern.infra.storage.ByteRange;
import dev.lectern.infra.storage.ObjectStore;
import dev.lectern.transcode.Cancellation;
import dev.lectern.transcode.TranscodeProgress;
import dev.lectern.transcode.TranscodeRequest;
import dev.lectern.transcode.TranscodeResult;
import dev.lectern.transcode.Transcoder;
import dev.lectern.transcode.ffmpeg.FfmpegTranscoder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@code transcode} job: fetch the kept source from S3, probe it, run the one-process
 * ladder, upload the tree into a fresh version folder, then switch the lecture to it. Every
 * attempt writes its own version, so a retry or a second worker after a crash never touches what
 * students watch; leftovers of dead attempts are removed before a new one starts.
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
            Path workRoot) {
        this.vertx = vertx;
        this.lifecycle = lifecycle;
        this.store = store;
        this.probe = probe;
        this.transcoder = transcoder;
        this.workRoot = workRoot;
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
        Path workDir = workRoot.resolve("job-" + context.job().id() + "-" + context.attempt());
        return lifecycle
                .find(lectureId)
                .compose(
                        found ->
                                found.filter(l -> l.sourceKey() != null)
                                        .map(Future::succeededFuture)
                                        .orElseGet(
                                                () ->
                                                        Future.failedFuture(
                                                                new PermanentJobFailure(
                                                                        "the lecture or its source is gone"))))
                .compose(lecture -> removeDeadAttempts(lecture).map(lecture))
                .compose(
                        lecture ->
                                lifecycle
                                        .startProcessing(lectureId)
                                        .compose(
                                                version ->
                                                        process(
                                                                context, lecture, version,
                                                                workDir)))
                .eventually(
                        () ->
                                vertx.fileSystem()
                                        .deleteRecursive(workDir.toString())
                                        .recover(e -> Future.succeededFuture()));
    }

    private Future<Void> process(
            JobContext context, LectureState lecture, int version, Path workDir) {
        String versionPrefix = StorageKeys.versionPrefix(lecture.id(), version);
        Path source = workDir.resolve("source");
        Path transcodeDir = workDir.resolve("transcode");
        Cancellation cancellation = new Cancellation();
        context.stopSignal().onSuccess(reason -> cancellation.cancel());
        SegmentShipper shipper =
                new SegmentShipper(
                        vertx, store, FfmpegTranscoder.outputDir(transcodeDir), versionPrefix);
        return vertx.fileSystem()
                .mkdirs(transcodeDir.toString())
                .compose(v -> download(lecture.sourceKey(), source))
                .compose(
                        v -> {
                            shipper.start();
                            return encoders.<TranscodeResult>executeBlocking(
                                    () ->
                                            transcoder.transcode(
                                                    new TranscodeRequest(
                                                            source,
                                                            probe.probe(source),
                                                            transcodeDir,
                                                            progress -> report(context, progress),
                                                            cancellation)),
                                    false);
                        })
                .compose(
                        result ->
                                shipper.finish()
                                        .compose(
                                                shipped -> {
                                                    LOG.info(
                                                            "lecture {}: {} segments were stored while encoding",
                                                            lecture.id(),
                                                            shipped.size());
                                                    return new TreeUpload(vertx, store)
                                                            .upload(
                                                                    result.outputDir(),
                                                                    versionPrefix,
                                                                    shipped);
                                                })
                                        .map(result))
                .compose(result -> lifecycle.publish(lecture.id(), version, result.renditions()))
                .compose(
                        previous -> {
                            LOG.info("lecture {} now serves version {}", lecture.id(), version);
                            return previous.filter(p -> p != version)
                                    .map(
                                            p ->
                                                    store.deletePrefix(
                                                                    StorageKeys.versionPrefix(
                                                                            lecture.id(), p))
                                                            .<Void>mapEmpty())
                                    .orElse(Future.succeededFuture());
                        })
                .recover(
                        error ->
                                // Wait for segment uploads still in flight, so none lands after
                                // the attempt's folder is deleted.
                                shipper.finish()
                                        .transform(ignored -> store.deletePrefix(versionPrefix))
                                        .transform(ignored -> Future.<Void>failedFuture(error)));
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

    /** Deletes version folders that no attempt will ever publish (a worker died mid-upload). */
    private Future<Void> removeDeadAttempts(LectureState lecture) {
        String keep =
                lecture.publishedVersion() == null
                        ? null
                        : StorageKeys.versionPrefix(lecture.id(), lecture.publishedVersion());
        String versionsStart = StorageKeys.lecturePrefix(lecture.id()) + "v";
        return store.list(versionsStart)
                .compose(
                        objects ->
                                Future.all(
                                                objects.stream()
                                                        .filter(
                                                                o ->
                                                                        keep == null
                                                                                || !o.key()
                                                                                        .startsWith(
                                                                                                keep))
                                                        .map(o -> store.delete(o.key()))
                                                        .toList())
                                        .mapEmpty());
    }

    private Future<Void> download(String key, Path target) {
        return store.get(key, ByteRange.ALL)
                .compose(
                        found ->
                                found.map(Future::succeededFuture)
                                        .orElseGet(
                                                () ->
                                                        Future.failedFuture(
                                                                new PermanentJobFailure(
                                                                        "the source object "
                                                                                + key
                                                                                + " is missing"))))
                .compose(
                        object ->
                                vertx.fileSystem()
                                        .open(
                                                target.toString(),
                                                new OpenOptions()
                                                        .setWrite(true)
                                                        .setCreate(true)
                                                        .setTruncateExisting(true))
                                        .compose(file -> object.body().pipeTo(file)));
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
