package dev.lectern.slides;

import dev.lectern.catalog.slide.AutomaticChapters;
import dev.lectern.catalog.slide.SlideReading;
import dev.lectern.infra.jobs.JobHandlers;
import dev.lectern.infra.media.MediaTools;
import dev.lectern.infra.storage.ObjectStore;
import dev.lectern.slides.ocr.Tesseract;
import dev.lectern.slides.worker.SlideJobHandler;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slide-aware lectures in one process: whether detection is on, the OCR engine found once at
 * start (Tesseract, when installed), what the catalog is told about it, and the job that finds a
 * lecture's slides for workers.
 */
public final class Slides {
    private static final Logger LOG = LoggerFactory.getLogger(Slides.class);

    private final boolean enabled;
    private final Optional<Tesseract> ocr;

    private Slides(boolean enabled, Optional<Tesseract> ocr) {
        this.enabled = enabled;
        this.ocr = ocr;
    }

    public static Slides choose(SlidesConfig config) {
        if (!config.enabled()) {
            LOG.info("slide detection is off: {} is off", SlidesSetting.SLIDES.key());
            return new Slides(false, Optional.empty());
        }
        Optional<Tesseract> ocr = Tesseract.locate();
        if (ocr.isPresent()) {
            LOG.info("slide detection on, slides read by Tesseract ({})", ocr.get().languages());
        } else {
            LOG.info(
                    "slide detection on; Tesseract is not installed, so chapters are titled by"
                            + " number and slide text is not searchable");
        }
        return new Slides(true, ocr);
    }

    /** What the catalog tells teachers about slide detection on this installation. */
    public SlideReading reading() {
        return new SlideReading(enabled, ocr.isPresent());
    }

    /** The {@code slides} job, for a worker's background lane; nothing when detection is off. */
    public void registerJobs(
            JobHandlers background,
            Vertx vertx,
            AutomaticChapters chapters,
            ObjectStore store,
            MediaTools tools,
            Path workRoot) {
        if (enabled) {
            background.register(
                    AutomaticChapters.JOB_KIND,
                    new SlideJobHandler(vertx, chapters, store, tools, ocr, workRoot));
        }
    }
}
