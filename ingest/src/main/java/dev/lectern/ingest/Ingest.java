package dev.lectern.ingest;

import dev.lectern.catalog.CatalogPorts;
import dev.lectern.infra.auth.Authentication;
import dev.lectern.infra.jobs.JobHandlers;
import dev.lectern.infra.media.MediaTools;
import dev.lectern.infra.storage.S3ObjectStore;
import dev.lectern.ingest.importer.AllowList;
import dev.lectern.ingest.importer.GuardedFetcher;
import dev.lectern.ingest.importer.ImportJobHandler;
import dev.lectern.ingest.importer.ImportJobs;
import dev.lectern.ingest.importer.ImportRoutes;
import dev.lectern.ingest.importer.UrlGuard;
import dev.lectern.ingest.tus.AcceptSourceJob;
import dev.lectern.ingest.tus.SourceAcceptance;
import dev.lectern.ingest.tus.TusEndpoint;
import dev.lectern.ingest.tus.UploadCompletion;
import dev.lectern.ingest.tus.UploadStore;
import dev.lectern.ingest.validate.SourceValidator;
import dev.lectern.ingest.webhook.WebhookRoutes;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.net.URI;

/**
 * Getting sources in, composed once per process: tus uploads, URL imports and recording webhooks
 * for the HTTP side, the {@code accept_source} and {@code import} jobs for workers. Every HTTP
 * event loop mounts the same handlers. The SSRF guard's allow-list is the administrator's list
 * plus the configured BigBlueButton server.
 */
public final class Ingest implements AutoCloseable {
    private final Vertx vertx;
    private final S3ObjectStore store;
    private final CatalogPorts catalog;
    private final IngestOptions options;
    private final UploadStore uploads;
    private final SourceAcceptance acceptance;
    private final TusEndpoint tus;
    private final UrlGuard guard;
    private HttpClient importClient;

    public Ingest(
            Vertx vertx,
            Pool pool,
            S3ObjectStore store,
            MediaTools tools,
            CatalogPorts catalog,
            IngestOptions options) {
        this.vertx = vertx;
        this.store = store;
        this.catalog = catalog;
        this.options = options;
        this.uploads = new UploadStore(pool);
        this.acceptance =
                new SourceAcceptance(
                        vertx,
                        store,
                        catalog.lifecycle(),
                        new SourceValidator(tools, options.uploads()),
                        options.scratchDir());
        this.tus =
                new TusEndpoint(
                        vertx,
                        uploads,
                        store,
                        catalog.access(),
                        catalog.lifecycle(),
                        acceptance,
                        options.uploads());
        this.guard = new UrlGuard(allowList(options.imports()));
    }

    private static AllowList allowList(ImportConfig config) {
        AllowList allowList = new AllowList(config.allowedHosts());
        URI bbb = config.bbbUrl();
        return bbb == null
                ? allowList
                : allowList.with(bbb.getHost() + (bbb.getPort() == -1 ? "" : ":" + bbb.getPort()));
    }

    /** {@code /api/v1/uploads} on the root router; call it before any body handler. */
    public void mountUploads(Router root, Authentication authentication) {
        tus.mount(root, authentication);
    }

    /**
     * {@code POST /api/v1/webhooks/{provider}} on the root router, before {@code /api/v1/*}:
     * webhooks authenticate by a signature over the raw body, not by bearer token.
     */
    public void mountWebhooks(Router root) {
        WebhookRoutes.create(options.imports(), catalog.recordings()).mount(root);
    }

    /** The import route on the authenticated {@code /api/v1} router. */
    public void mountApi(Router api) {
        new ImportRoutes(vertx, catalog.access(), catalog.lifecycle(), guard).mount(api);
    }

    /** Aborts expired uploads periodically; one sweeper per process is enough. */
    public void startSweeper() {
        tus.startSweeper();
    }

    /** The worker side: judging uploads whose API process died first, and URL imports. */
    public void registerJobs(JobHandlers handlers) {
        handlers.register(
                AcceptSourceJob.KIND,
                new AcceptSourceJob(
                        uploads,
                        new UploadCompletion(
                                uploads, store, store, catalog.lifecycle(), acceptance),
                        catalog.lifecycle()));
        GuardedFetcher fetcher =
                new GuardedFetcher(
                        vertx,
                        importClient(),
                        guard,
                        options.imports().connectTimeout(),
                        options.imports().idleTimeout());
        handlers.register(
                ImportJobs.KIND,
                new ImportJobHandler(vertx, fetcher, store, catalog, acceptance, options));
    }

    private synchronized HttpClient importClient() {
        if (importClient == null) {
            importClient =
                    vertx.createHttpClient(
                            GuardedFetcher.clientOptions(
                                    options.imports().connectTimeout(),
                                    options.imports().idleTimeout()));
        }
        return importClient;
    }

    @Override
    public synchronized void close() {
        tus.stopSweeper();
        if (importClient != null) {
            importClient.close();
        }
    }
}
