package dev.lectern.ingest.tus;

import dev.lectern.catalog.access.CourseAccess;
import dev.lectern.catalog.lifecycle.LectureLifecycle;
import dev.lectern.infra.auth.Authentication;
import dev.lectern.infra.storage.S3ObjectStore;
import dev.lectern.ingest.IngestConfig;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** The tus server's parts put together: handlers, router, and the expiry sweeper. */
public final class TusEndpoint {
    private final Vertx vertx;
    private final IngestConfig config;
    private final UploadCreation creation;
    private final TusHandlers handlers;
    private final UploadSweeper sweeper;

    public TusEndpoint(
            Vertx vertx,
            UploadStore uploads,
            S3ObjectStore store,
            CourseAccess access,
            LectureLifecycle lifecycle,
            SourceAcceptance acceptance,
            IngestConfig config) {
        this.vertx = vertx;
        this.config = config;
        UploadCompletion completion =
                new UploadCompletion(uploads, store, store, lifecycle, acceptance);
        UploadLocking locking = new UploadLocking(uploads);
        UploadDisposal disposal = new UploadDisposal(store, store, uploads, lifecycle);
        BodyWriter writer = new BodyWriter(store, store, uploads, locking, completion, config);
        this.creation = new UploadCreation(store, uploads, access, lifecycle, writer, config);
        this.handlers = new TusHandlers(uploads, access, locking, writer, disposal);
        this.sweeper =
                new UploadSweeper(
                        vertx, uploads, disposal, new UnownedMultipartSweep(store, uploads));
    }

    public void mount(Router router, Authentication authentication) {
        TusRouter.mount(router, authentication, creation, handlers, config);
    }

    public UploadSweeper sweeper() {
        return sweeper;
    }

    public void startSweeper() {
        sweeper.start(config.sweepInterval());
    }

    public void stopSweeper() {
        sweeper.stop();
    }
}
