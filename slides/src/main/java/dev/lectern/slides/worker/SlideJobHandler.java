package dev.lectern.slides.worker;

import dev.lectern.catalog.RenditionSet;
import dev.lectern.catalog.StorageKeys;
import dev.lectern.catalog.slide.AutomaticChapters;
import dev.lectern.catalog.slide.AutomaticChapters.Subject;
import dev.lectern.catalog.slide.PgAutomaticChapters;
import dev.lectern.catalog.slide.Slide;
import dev.lectern.infra.jobs.JobContext;
import dev.lectern.infra.jobs.JobHandler;
import dev.lectern.infra.jobs.PermanentJobFailure;
import dev.lectern.infra.jobs.SequentialJob;
import dev.lectern.infra.media.MediaTools;
import dev.lectern.infra.storage.ObjectFiles;
import dev.lectern.infra.storage.ObjectStore;
import dev.lectern.infra.storage.ObjectStore.ObjectInfo;
import dev.lectern.slides.detect.DetectedSlide;
import dev.lectern.slides.detect.SlideDetector;
import dev.lectern.slides.ocr.SlideFrames;
import dev.lectern.slides.ocr.SlideText;
import dev.lectern.slides.ocr.Tesseract;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a published screen recording's slides and makes chapters of them. The picture is scanned
 * in the lowest rung (small and few frames: cheap to decode) and each slide is read once in the
 * kept source at full resolution (the rungs are compressed for bandwidth; a slide's title on a
 * coloured band can blur past Tesseract there); its picture is stored beside the lecture's
 * versions. Detection costs a small fraction of the transcode, so a retry simply starts again; a
 * failure never touches playback.
 */
public final class SlideJobHandler implements JobHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SlideJobHandler.class);

    /** A publish during detection makes the result stale; the job then reads the new version. */
    private static final int MAX_ROUNDS = 3;

    private static final Duration FRAME_LIMIT = Duration.ofMinutes(1);
    private static final Duration OCR_LIMIT = Duration.ofMinutes(1);

    private final Vertx vertx;
    private final AutomaticChapters chapters;
    private final ObjectStore store;
    private final MediaTools tools;
    private final Optional<Tesseract> ocr;
    private final Path workRoot;
    private final WorkerExecutor blocking;

    public SlideJobHandler(
            Vertx vertx,
            AutomaticChapters chapters,
            ObjectStore store,
            MediaTools tools,
            Optional<Tesseract> ocr,
            Path workRoot) {
        this.vertx = vertx;
        this.chapters = chapters;
        this.store = store;
        this.tools = tools;
        this.ocr = ocr;
        this.workRoot = workRoot;
        this.blocking = vertx.createSharedWorkerExecutor("lectern-slides", 1, 2, TimeUnit.HOURS);
    }

    @Override
    public Future<Void> run(JobContext context) {
        UUID lectureId = context.job().lectureId();
        if (lectureId == null) {
            return Future.failedFuture(new PermanentJobFailure("a slides job needs a lecture"));
        }
        Path workDir = context.scratchFolder(workRoot);
        return SequentialJob.run(
                vertx,
                job -> {
                    try {
                        for (int round = 0; round < MAX_ROUNDS; round++) {
                            Optional<Subject> subject = chapters.subject(lectureId).await();
                            if (subject.isEmpty()
                                    || !PgAutomaticChapters.hasSlides(subject.get().renditions())) {
                                LOG.info("lecture {}: no slides to look for", lectureId);
                                return;
                            }
                            if (!readSlides(job, context, subject.get(), workDir)) {
                                return;
                            }
                        }
                    } finally {
                        vertx.fileSystem()
                                .deleteRecursive(workDir.toString())
                                .otherwiseEmpty()
                                .await();
                    }
                });
    }

    /** Reads the subject's slides; true when another version was published meanwhile. */
    private boolean readSlides(SequentialJob job, JobContext context, Subject subject, Path workDir)
            throws Exception {
        vertx.fileSystem().deleteRecursive(workDir.toString()).otherwiseEmpty().await();
        Files.createDirectories(workDir);
        RenditionSet renditions = subject.renditions();
        String versionFolder = StorageKeys.versionPrefix(subject.lectureId(), subject.version());
        report(context, "scanning", 0);
        RenditionSet.VideoOutput lowest =
                renditions.video().stream()
                        .min(Comparator.comparingInt(RenditionSet.VideoOutput::height))
                        .orElseThrow();
        Path scanDir = Files.createDirectories(workDir.resolve("scan"));
        Path scanPlaylist = copyRung(job, versionFolder, lowest, scanDir);
        List<DetectedSlide> detected =
                blocking.executeBlocking(
                                () ->
                                        SlideDetector.detect(
                                                tools,
                                                scanPlaylist,
                                                renditions.durationSeconds(),
                                                Duration.ofSeconds(
                                                        120
                                                                + Math.round(
                                                                        renditions
                                                                                .durationSeconds())),
                                                percent ->
                                                        report(context, "scanning", 0.6 * percent)),
                                false)
                        .await();
        if (context.stopRequested()) {
            throw new IllegalStateException("stopped: " + context.stopReason());
        }
        List<Slide> slides = read(job, context, subject, detected, workDir);
        boolean kept = chapters.publish(subject.lectureId(), subject.version(), slides).await();
        removeOtherPictures(subject.lectureId(), kept ? slides : List.of());
        Optional<Subject> now = chapters.subject(subject.lectureId()).await();
        boolean stale = !kept && now.isPresent() && now.get().version() != subject.version();
        LOG.info(
                "lecture {}: {} slides in {} appearances{}",
                subject.lectureId(),
                slides.size(),
                detected.size(),
                stale ? "; a newer version was published meanwhile, reading it" : "");
        return stale;
    }

    /**
     * Reads each slide once, in the source at the moment of its first appearance where its fullest
     * build is still, and gathers its appearances.
     */
    private List<Slide> read(
            SequentialJob job,
            JobContext context,
            Subject subject,
            List<DetectedSlide> detected,
            Path workDir)
            throws Exception {
        Map<Integer, List<DetectedSlide>> byNumber = new LinkedHashMap<>();
        for (DetectedSlide slide : detected) {
            byNumber.computeIfAbsent(slide.number(), n -> new ArrayList<>()).add(slide);
        }
        if (byNumber.isEmpty()) {
            return List.of();
        }
        if (subject.sourceKey() == null) {
            throw new PermanentJobFailure("the lecture's source is gone");
        }
        Path readDir = Files.createDirectories(workDir.resolve("read"));
        Path source = readDir.resolve("source");
        fetch(job, subject.sourceKey(), source);
        String language =
                ocr.map(t -> t.languageFor(subject.language() == null ? "en" : subject.language()))
                        .orElse(null);
        List<Slide> slides = new ArrayList<>();
        int done = 0;
        for (Map.Entry<Integer, List<DetectedSlide>> entry : byNumber.entrySet()) {
            if (context.stopRequested()) {
                throw new IllegalStateException("stopped: " + context.stopReason());
            }
            int number = entry.getKey();
            double at = entry.getValue().getFirst().readSeconds();
            Path png = readDir.resolve("slide-" + number + ".png");
            Path jpg = readDir.resolve("slide-" + number + ".jpg");
            blocking.executeBlocking(
                            () -> {
                                SlideFrames.extract(tools, source, at, png, FRAME_LIMIT);
                                return SlideFrames.thumbnail(tools, png, jpg, FRAME_LIMIT);
                            },
                            false)
                    .await();
            SlideText text =
                    ocr.isEmpty()
                            ? new SlideText("", "")
                            : blocking.executeBlocking(
                                            () -> ocr.get().read(png, language, OCR_LIMIT), false)
                                    .await();
            String thumbnail = "slides/" + number + "-" + digest(jpg) + ".jpg";
            String thumbnailKey = StorageKeys.lecturePrefix(subject.lectureId()) + thumbnail;
            job.onEventLoop(() -> store.put(thumbnailKey, jpg, "image/jpeg")).await();
            List<Slide.Appearance> appearances = new ArrayList<>();
            for (DetectedSlide shown : entry.getValue()) {
                appearances.add(
                        new Slide.Appearance(
                                shown.startSeconds(), shown.endSeconds(), shown.stepSeconds()));
            }
            slides.add(
                    new Slide(
                            number,
                            limit(text.title(), 300),
                            limit(text.text(), 20_000),
                            appearances,
                            thumbnail));
            Files.deleteIfExists(png);
            report(context, "reading", 60 + 40.0 * ++done / byNumber.size());
        }
        return slides;
    }

    /**
     * Deletes the lecture's slide pictures other than {@code kept}'s: those of the detection this
     * one replaced, and any a crashed attempt left behind. One slides job runs per lecture at a
     * time (the queue refuses a second live one), so none of them is still wanted.
     */
    private void removeOtherPictures(UUID lectureId, List<Slide> kept) {
        String prefix = StorageKeys.lecturePrefix(lectureId);
        Set<String> keep = new HashSet<>();
        kept.forEach(slide -> keep.add(prefix + slide.thumbnail()));
        for (ObjectInfo object : store.list(prefix + "slides/").await()) {
            if (!keep.contains(object.key())) {
                store.delete(object.key()).await();
            }
        }
    }

    /** Copies a rung's playlist, header and segments into {@code dir}; the local playlist. */
    private Path copyRung(
            SequentialJob job, String versionFolder, RenditionSet.VideoOutput rung, Path dir)
            throws IOException {
        String playlistKey = versionFolder + rung.playlist();
        String folder = folderOf(playlistKey);
        String text = text(job, playlistKey);
        RungPlaylist playlist = RungPlaylist.parse(text);
        fetch(job, folder + playlist.initSegment(), dir.resolve(playlist.initSegment()));
        for (String segment : playlist.segments()) {
            fetch(job, folder + segment, dir.resolve(segment));
        }
        Path local = dir.resolve("playlist.m3u8");
        Files.writeString(local, text);
        return local;
    }

    private String text(SequentialJob job, String key) {
        Optional<Buffer> playlist = job.onEventLoop(() -> ObjectFiles.read(store, key)).await();
        if (playlist.isEmpty()) {
            throw new PermanentJobFailure("the lecture's playlist " + key + " is missing");
        }
        return playlist.get().toString(StandardCharsets.UTF_8);
    }

    private void fetch(SequentialJob job, String key, Path target) {
        boolean found =
                job.onEventLoop(() -> ObjectFiles.download(vertx, store, key, target)).await();
        if (!found) {
            throw new PermanentJobFailure("the lecture's media file " + key + " is missing");
        }
    }

    private static String folderOf(String key) {
        return key.substring(0, key.lastIndexOf('/') + 1);
    }

    /** A short digest of the picture: a new detection writes new names, so caches never lie. */
    private static String digest(Path file) throws IOException {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String limit(String text, int characters) {
        String stripped = text == null ? "" : text.strip();
        return stripped.length() <= characters ? stripped : stripped.substring(0, characters);
    }

    private static void report(JobContext context, String phase, double percent) {
        context.progress(
                new JsonObject()
                        .put("phase", phase)
                        .put("percent", Math.round(Math.min(100, percent) * 10) / 10.0));
    }
}
