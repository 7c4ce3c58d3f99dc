package dev.lectern.ingest.importer;

import dev.lectern.infra.jobs.NewJob;
import io.vertx.core.json.JsonObject;
import java.net.URI;

/** The {@code import} job: what it is called and what its payload carries. */
public final class ImportJobs {
    public static final String KIND = "import";

    /** Three attempts; a dropped connection is resumed inside an attempt, not across them. */
    static final int MAX_ATTEMPTS = 3;

    /** Imports are a teacher waiting for a file: ahead of re-processing, level with uploads. */
    static final int PRIORITY = 100;

    private ImportJobs() {}

    /**
     * @param authorization an Authorization header value for the URL's own host (a provider's
     *     download token), or null; it is kept in the job row until the job ends
     */
    public static NewJob job(URI url, String authorization) {
        JsonObject payload = new JsonObject().put("url", url.toString());
        if (authorization != null) {
            payload.put("authorization", authorization);
        }
        return NewJob.of(KIND, payload).withMaxAttempts(MAX_ATTEMPTS).withPriority(PRIORITY);
    }

    /** The file name the teacher sees: the URL's last path segment, or "import". */
    static String filename(URI url) {
        String path = url.getPath() == null ? "" : url.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").trim();
        return last.isEmpty() || last.length() > 200 ? "import" : last;
    }
}
