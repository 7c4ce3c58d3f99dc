package dev.lectern.ingest;

import dev.lectern.catalog.access.PgCourseAccess;
import dev.lectern.catalog.lifecycle.PgLectureLifecycle;
import dev.lectern.catalog.lifecycle.RecordingLectures;
import dev.lectern.infra.media.MediaTools;
import dev.lectern.infra.storage.S3ObjectStore;
import dev.lectern.ingest.importer.AllowList;
import dev.lectern.ingest.importer.GuardedFetcher;
import dev.lectern.ingest.importer.ImportJobHandler;
import dev.lectern.ingest.importer.ImportRoutes;
import dev.lectern.ingest.importer.UrlGuard;
import dev.lectern.ingest.tus.SourceAcceptance;
import dev.lectern.ingest.validate.SourceValidator;
import dev.lectern.ingest.webhook.WebhookRoutes;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.nio.file.Path;

/**
 * Wires URL imports and recording webhooks: the import route and webhook routes for API
 * processes, the {@code import} job handler for worker processes. The SSRF guard's allow-list is
 * the administrator's list plus the configured BigBlueButton server.
 */
public final class Imports implements AutoCloseable {
    private final Vertx vertx;
    private final Pool pool;
    private final S3ObjectStore store;
    private final MediaTools tools;
    private final IngestConfig ingest;
    private final ImportConfig config;
    private final Path dataDir;
    private final int jobMaxAttempts;
    private final UrlGuard guard;
    private HttpClient client;

    private Imports(
            Vertx vertx,
            Pool pool,
            S3ObjectStore store,
            MediaTools tools,
            IngestConfig ingest,
            ImportConfig config,
            Path dataDir,
            int jobMaxAttempts) {
        this.vertx = vertx;
        this.pool = pool;
        this.store = store;
        this.tools = tools;
        this.ingest = ingest;
        this.config = config;
        this.dataDir = dataDir;
        this.jobMaxAttempts = jobMaxAttempts;
        AllowList allowList = new AllowList(config.allowedHosts());
        URI bbb = config.bbbUrl();
        if (bbb != null) {
            allowList =
                    allowList.with(
                            bbb.getHost() + (bbb.getPort() == -1 ? "" : ":" + bbb.getPort()));
        }
        this.guard = new UrlGuard(allowList);
    }

    /** @param jobMaxAttempts attempts of a job that does not set its own (the configured) */
    public static Imports create(
            Vertx vertx,
            Pool pool,
            S3ObjectStore store,
            MediaTools tools,
            IngestConfig ingest,
            ImportConfig config,
            Path dataDir,
            int jobMaxAttempts) {
        return new Imports(vertx, pool, store, tools, ingest, config, dataDir, jobMaxAttempts);
    }

    /** {@code POST /api/v1/webhooks/{provider}} on the root router, before {@code /api/v1/*}. */
    public void mountWebhooks(Router root) {
        WebhookRoutes.create(config, new RecordingLectures(pool, jobMaxAttempts)).mount(root);
    }

    /** The import route on the authenticated {@code /api/v1} router. */
    public void mountApi(Router api) {
        new ImportRoutes(
                        vertx,
                        new PgCourseAccess(pool),
                        new PgLectureLifecycle(pool, jobMaxAttempts),
                        guard)
                .mount(api);
    }

    /** The handler of {@code import} jobs, for a worker process. */
    public ImportJobHandler jobHandler() {
        PgLectureLifecycle lifecycle = new PgLectureLifecycle(pool, jobMaxAttempts);
        SourceAcceptance acceptance =
                new SourceAcceptance(
                        vertx,
                        store,
                        lifecycle,
                        new SourceValidator(tools, ingest),
                        dataDir.resolve("tmp").resolve("import"));
        GuardedFetcher fetcher =
                new GuardedFetcher(
                        vertx, client(), guard, config.connectTimeout(), config.idleTimeout());
        return new ImportJobHandler(
                vertx,
                fetcher,
                store,
                lifecycle,
                acceptance,
                ingest.maxUploadBytes(),
                config.timeout());
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client =
                    vertx.createHttpClient(
                            GuardedFetcher.clientOptions(
                                    config.connectTimeout(), config.idleTimeout()));
        }
        return client;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
