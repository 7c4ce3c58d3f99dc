package dev.lectern.speech;

import dev.lectern.catalog.caption.AutomaticCaptions;
import dev.lectern.catalog.caption.Recognition;
import dev.lectern.infra.config.ConfigException;
import dev.lectern.infra.jobs.JobHandlers;
import dev.lectern.infra.media.MediaTools;
import dev.lectern.infra.storage.ObjectStore;
import dev.lectern.speech.engine.EngineAvailability;
import dev.lectern.speech.engine.SpeechEngine;
import dev.lectern.speech.pocketsphinx.PocketSphinxEngine;
import dev.lectern.speech.whisper.WhisperEngine;
import dev.lectern.speech.worker.CaptionJobHandler;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Automatic captions in one process: the engine chosen once at start (whisper.cpp when the
 * administrator gave a model, else PocketSphinx when it is installed, else none), what the
 * catalog is told about it, and the job that recognises lectures for workers.
 */
public final class Speech {
    private static final Logger LOG = LoggerFactory.getLogger(Speech.class);

    private final Optional<SpeechEngine> engine;

    private Speech(Optional<SpeechEngine> engine) {
        this.engine = engine;
    }

    public static Speech choose(SpeechConfig config) {
        EngineAvailability found =
                switch (config.engine()) {
                    case OFF ->
                            EngineAvailability.unavailable(
                                    SpeechSetting.CAPTIONS_ENGINE.key() + " is off");
                    case WHISPER -> whisper(config);
                    case POCKETSPHINX -> required(PocketSphinxEngine.locate());
                    case AUTO ->
                            config.whisperModel() != null
                                    ? whisper(config)
                                    : PocketSphinxEngine.locate();
                };
        if (found.engine().isPresent()) {
            SpeechEngine engine = found.engine().get();
            LOG.info(
                    "automatic captions by {} ({}){}: {}",
                    engine.name(),
                    engine.model(),
                    engine.draftsOnly() ? ", drafts for teachers to review" : "",
                    found.description());
        } else {
            LOG.info("automatic captions are off: {}", found.description());
        }
        return new Speech(found.engine());
    }

    private static EngineAvailability whisper(SpeechConfig config) {
        WhisperEngine engine = new WhisperEngine(config.whisperModel(), config.whisperThreads());
        return EngineAvailability.available(
                engine, "whisper.cpp with " + config.whisperModel().file());
    }

    /** An engine the administrator asked for by name must be there. */
    private static EngineAvailability required(EngineAvailability found) {
        if (found.engine().isEmpty()) {
            throw new ConfigException(
                    SpeechSetting.CAPTIONS_ENGINE.key()
                            + " asks for it, but "
                            + found.description());
        }
        return found;
    }

    /** What the catalog tells teachers about automatic captions on this installation. */
    public Recognition recognition() {
        return engine.map(e -> Recognition.with(e.name(), e.model(), e.draftsOnly()))
                .orElse(Recognition.off());
    }

    /** The {@code captions} job, for a worker's background lane; nothing without an engine. */
    public void registerJobs(
            JobHandlers background,
            Vertx vertx,
            AutomaticCaptions captions,
            ObjectStore store,
            MediaTools tools,
            Path workRoot) {
        engine.ifPresent(
                e ->
                        background.register(
                                AutomaticCaptions.JOB_KIND,
                                new CaptionJobHandler(vertx, captions, store, tools, e, workRoot)));
    }
}
