package dev.lectern.speech.worker;

import dev.lectern.catalog.RenditionSet;
import dev.lectern.catalog.StorageKeys;
import dev.lectern.catalog.caption.AutomaticCaptions;
import dev.lectern.catalog.caption.AutomaticCaptions.Subject;
import dev.lectern.catalog.caption.Cue;
import dev.lectern.catalog.caption.SpokenWord;
import dev.lectern.infra.jobs.JobContext;
import dev.lectern.infra.jobs.JobHandler;
import dev.lectern.infra.jobs.PermanentJobFailure;
import dev.lectern.infra.jobs.SequentialJob;
import dev.lectern.infra.media.MediaTools;
import dev.lectern.infra.storage.ObjectFiles;
import dev.lectern.infra.storage.ObjectStore;
import dev.lectern.speech.audio.Chunk;
import dev.lectern.speech.audio.ChunkPlan;
import dev.lectern.speech.audio.ChunkRecognition;
import dev.lectern.speech.audio.SpeechAudio;
import dev.lectern.speech.cue.CueBuilder;
import dev.lectern.speech.cue.Word;
import dev.lectern.speech.engine.LectureRecognizer;
import dev.lectern.speech.engine.LectureVocabulary;
import dev.lectern.speech.engine.SpeechEngine;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recognises a published lecture's speech and publishes it as the lecture's automatic captions.
 * The audio comes from the lecture's own audio download (one cheap decode, already normalised),
 * is cut into chunks at pauses, and each chunk's words are checkpointed, so a crash or shutdown
 * costs at most one chunk. The recogniser is a child process under {@code nice}; this handler
 * only waits for it. A failure here never touches the lecture's playback.
 */
public final class CaptionJobHandler implements JobHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CaptionJobHandler.class);

    private final Vertx vertx;
    private final AutomaticCaptions captions;
    private final ObjectStore store;
    private final MediaTools tools;
    private final SpeechEngine engine;
    private final Path workRoot;
    private final WorkerExecutor blocking;

    public CaptionJobHandler(
            Vertx vertx,
            AutomaticCaptions captions,
            ObjectStore store,
            MediaTools tools,
            SpeechEngine engine,
            Path workRoot) {
        this.vertx = vertx;
        this.captions = captions;
        this.store = store;
        this.tools = tools;
        this.engine = engine;
        this.workRoot = workRoot;
        this.blocking = vertx.createSharedWorkerExecutor("lectern-speech", 2, 24, TimeUnit.HOURS);
    }

    @Override
    public io.vertx.core.Future<Void> run(JobContext context) {
        UUID lectureId = context.job().lectureId();
        if (lectureId == null) {
            return io.vertx.core.Future.failedFuture(
                    new PermanentJobFailure("a captions job needs a lecture"));
        }
        Path workDir = context.scratchFolder(workRoot);
        return SequentialJob.run(
                vertx,
                job -> {
                    try {
                        var subject = captions.subject(lectureId).await();
                        if (subject.isEmpty() || audioKey(subject.get()) == null) {
                            LOG.info("lecture {}: nothing to recognise", lectureId);
                            return;
                        }
                        recognise(job, context, subject.get(), workDir);
                    } finally {
                        vertx.fileSystem()
                                .deleteRecursive(workDir.toString())
                                .otherwiseEmpty()
                                .await();
                    }
                });
    }

    private void recognise(SequentialJob job, JobContext context, Subject subject, Path workDir)
            throws Exception {
        String language = subject.language() == null ? "en" : subject.language();
        if (!engine.speaks(language)) {
            throw new PermanentJobFailure(
                    engine.name()
                            + " does not recognise "
                            + language
                            + " (it knows "
                            + String.join(", ", engine.languages())
                            + ")");
        }
        Files.createDirectories(workDir);
        Path audio = workDir.resolve("audio");
        String key = audioKey(subject);
        boolean found =
                job.onEventLoop(() -> ObjectFiles.download(vertx, store, key, audio)).await();
        if (!found) {
            throw new PermanentJobFailure("the lecture's audio " + key + " is missing");
        }
        report(context, "preparing", 0);
        SpeechAudio speech =
                blocking.executeBlocking(
                                () ->
                                        SpeechAudio.decode(
                                                tools, audio, workDir, Duration.ofMinutes(30)))
                        .await();
        LectureVocabulary vocabulary =
                new LectureVocabulary(
                        language,
                        subject.title(),
                        subject.description(),
                        subject.glossary(),
                        subject.slideText());
        LectureRecognizer recognizer =
                blocking.executeBlocking(
                                () ->
                                        engine.prepare(
                                                vocabulary,
                                                Files.createDirectories(workDir.resolve("engine"))))
                        .await();
        ChunkCheckpoints checkpoints =
                new ChunkCheckpoints(store, subject.lectureId(), subject.version());
        Map<Integer, ChunkCheckpoints.Done> done = checkpoints.load().await();
        List<Chunk> chunks = ChunkPlan.plan(speech.durationSeconds(), speech.pauses());
        List<Word> words = new ArrayList<>();
        String carried = "";
        for (Chunk chunk : chunks) {
            ChunkCheckpoints.Done chunkDone = done.get(chunk.index());
            if (chunkDone == null) {
                if (context.stopRequested()) {
                    // Cancelled, lease lost or shutting down: the worker settles the job, and a
                    // later attempt goes on from the chunks checkpointed so far.
                    throw new IllegalStateException("stopped: " + context.stopReason());
                }
                recognizer.restore(carried);
                List<Word> kept = recogniseChunk(recognizer, speech, chunk, context, workDir);
                chunkDone = new ChunkCheckpoints.Done(kept, recognizer.state());
                checkpoints.save(chunk.index(), chunkDone).await();
            }
            carried = chunkDone.state();
            words.addAll(chunkDone.words());
            report(context, "recognising", 100.0 * chunk.end() / speech.durationSeconds());
        }
        List<Cue> cues = new ArrayList<>();
        for (Cue cue : CueBuilder.build(words, speech.pauses())) {
            cues.add(withWords(cue, words));
        }
        var track = captions.publish(subject.lectureId(), language, cues).await();
        checkpoints.clear().await();
        LOG.info(
                "lecture {}: {} words in {} cues published as {} ({})",
                subject.lectureId(),
                words.size(),
                cues.size(),
                track.label(),
                track.published() ? "shown to students" : "a draft for review");
    }

    private List<Word> recogniseChunk(
            LectureRecognizer recognizer,
            SpeechAudio speech,
            Chunk chunk,
            JobContext context,
            Path workDir) {
        return blocking.executeBlocking(
                        () ->
                                ChunkRecognition.words(
                                        recognizer, speech, chunk, workDir, context::stopRequested),
                        false)
                .await();
    }

    /** A cue with the timings of the words it shows, so a search lands on the word. */
    private static Cue withWords(Cue cue, List<Word> words) {
        List<SpokenWord> spoken = new ArrayList<>();
        for (Word word : words) {
            if (word.start() >= cue.startSeconds() && word.start() < cue.endSeconds()) {
                spoken.add(new SpokenWord(word.text(), word.start(), word.end()));
            }
        }
        return new Cue(cue.startSeconds(), cue.endSeconds(), cue.settings(), cue.text(), spoken);
    }

    private static String audioKey(Subject subject) {
        RenditionSet.Downloads downloads = subject.renditions().downloads();
        if (downloads == null || downloads.audio() == null) {
            return null;
        }
        return StorageKeys.versionPrefix(subject.lectureId(), subject.version())
                + downloads.audio();
    }

    private static void report(JobContext context, String phase, double percent) {
        context.progress(
                new JsonObject()
                        .put("phase", phase)
                        .put("percent", Math.round(Math.min(100, percent) * 10) / 10.0));
    }
}
