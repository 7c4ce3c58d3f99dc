package dev.lectern.ingest;

import dev.lectern.catalog.access.PgCourseAccess;
import dev.lectern.catalog.lifecycle.PgLectureLifecycle;
import dev.lectern.infra.auth.Authentication;
import dev.lectern.infra.media.MediaTools;
import dev.lectern.infra.storage.S3ObjectStore;
import dev.lectern.ingest.tus.AcceptSourceJob;
import dev.lectern.ingest.tus.SourceAcceptance;
import dev.lectern.ingest.tus.TusEndpoint;
import dev.lectern.ingest.tus.UploadCompletion;
import dev.lectern.ingest.tus.UploadStore;
import dev.lectern.ingest.validate.SourceValidator;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;

/** Wires the ingest side of one API process: the tus endpoint and its expiry sweeper. */
public final class Ingest implements AutoCloseable {
    private final TusEndpoint tus;

    private Ingest(TusEndpoint tus) {
        this.tus = tus;
    }

    public static Ingest create(
            Vertx vertx,
            Pool pool,
            S3ObjectStore store,
            MediaTools tools,
            IngestConfig config,
            Path dataDir,
            int jobMaxAttempts,
            boolean sweep) {
        SourceValidator validator = new SourceValidator(tools, config);
        TusEndpoint tus =
                new TusEndpoint(
                        vertx,
                        pool,
                        store,
                        new PgCourseAccess(pool),
                        new PgLectureLifecycle(pool, jobMaxAttempts),
                        validator,
                        config,
                        dataDir.resolve("tmp").resolve("ingest"));
        if (sweep) {
            tus.startSweeper();
        }
        return new Ingest(tus);
    }

    /**
     * The worker-side handler of {@link AcceptSourceJob#KIND}: judges complete uploads whose API
     * process died before it could.
     *
     * @param jobMaxAttempts attempts of a job that does not set its own (the configured default)
     */
    public static AcceptSourceJob acceptSourceJob(
            Vertx vertx,
            Pool pool,
            S3ObjectStore store,
            MediaTools tools,
            IngestConfig config,
            Path dataDir,
            int jobMaxAttempts) {
        PgLectureLifecycle lifecycle = new PgLectureLifecycle(pool, jobMaxAttempts);
        UploadStore uploads = new UploadStore(pool);
        SourceAcceptance acceptance =
                new SourceAcceptance(
                        vertx,
                        store,
                        lifecycle,
                        new SourceValidator(tools, config),
                        dataDir.resolve("tmp").resolve("ingest"));
        return new AcceptSourceJob(
                uploads,
                new UploadCompletion(uploads, store, store, lifecycle, acceptance),
                lifecycle);
    }

    /** Adds {@code /api/v1/uploads} to {@code router}; call it before any body handler. */
    public void mount(Router router, Authentication authentication) {
        tus.mount(router, authentication);
    }

    public TusEndpoint tus() {
        return tus;
    }

    @Override
    public void close() {
        tus.stopSweeper();
    }
}
