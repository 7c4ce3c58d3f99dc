package dev.lectern.ingest.tus;

import dev.lectern.catalog.lifecycle.LectureLifecycle;
import dev.lectern.catalog.lifecycle.SourceObject;
import dev.lectern.infra.storage.ObjectStore;
import dev.lectern.ingest.validate.ProbeSample;
import dev.lectern.ingest.validate.SourceValidator;
import dev.lectern.ingest.validate.Verdict;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.UUID;

/**
 * What happens once a source is complete in the store: the parts ffprobe needs are copied to a
 * sparse scratch file ({@link ProbeSample}), validated, and the lecture is queued (with its
 * transcode job) or rejected. The original object is kept either way, so a teacher can download or
 * retry it.
 */
public final class SourceAcceptance {
    private final Vertx vertx;
    private final LectureLifecycle lifecycle;
    private final SourceValidator validator;
    private final Path scratchDir;
    private final ProbeSample sample;

    public SourceAcceptance(
            Vertx vertx,
            ObjectStore store,
            LectureLifecycle lifecycle,
            SourceValidator validator,
            Path scratchDir) {
        this.vertx = vertx;
        this.lifecycle = lifecycle;
        this.validator = validator;
        this.scratchDir = scratchDir;
        this.sample = new ProbeSample(vertx, store);
    }

    /** Validates the stored object and moves the lecture on; returns the verdict. */
    public Future<Verdict> judge(UUID lectureId, SourceObject source) {
        Path scratch = scratchDir.resolve("probe-" + UUID.randomUUID());
        return sample.fetch(source.key(), scratch)
                .compose(v -> vertx.executeBlocking(() -> validator.validate(scratch), false))
                .compose(
                        verdict ->
                                switch (verdict) {
                                    case Verdict.Accepted a ->
                                            lifecycle
                                                    .acceptSource(
                                                            lectureId,
                                                            source,
                                                            a.summary(),
                                                            priority(a.durationSeconds()))
                                                    .map(verdict);
                                    case Verdict.Rejected r ->
                                            lifecycle
                                                    .rejectSource(lectureId, source, r.error())
                                                    .map(verdict);
                                })
                .eventually(
                        () ->
                                vertx.fileSystem()
                                        .delete(scratch.toString())
                                        .recover(e -> Future.succeededFuture()));
    }

    /** Shorter lectures first: a 5-minute clip should not wait behind a 3-hour recording. */
    static int priority(double durationSeconds) {
        return (int) Math.min(10_000, Math.ceil(durationSeconds / 60));
    }
}
