package dev.lectern.ingest.importer;

import dev.lectern.infra.jobs.NewJob;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.List;

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
     *     download token), or null; kept under the payload's "secret", which PostgreSQL drops
     *     when the job ends (migration V41)
     */
    public static NewJob job(URI url, String authorization) {
        return job(url, authorization, List.of());
    }

    /** An import that also keeps the captions the recording came with. */
    public static NewJob job(URI url, String authorization, List<CaptionSource> captions) {
        JsonObject payload = new JsonObject().put("url", url.toString());
        if (!captions.isEmpty()) {
            JsonArray list = new JsonArray();
            captions.forEach(c -> list.add(c.toJson()));
            payload.put("captions", list);
        }
        if (authorization != null) {
            payload.put("secret", new JsonObject().put("authorization", authorization));
        }
        return NewJob.of(KIND, payload).withMaxAttempts(MAX_ATTEMPTS).withPriority(PRIORITY);
    }

    static List<CaptionSource> captions(JsonObject payload) {
        return CaptionSource.fromJson(payload.getJsonArray("captions"));
    }

    /** The Authorization header value the job was given, or null. */
    static String authorization(JsonObject payload) {
        JsonObject secret = payload.getJsonObject("secret");
        return secret == null ? null : secret.getString("authorization");
    }

    /** The file name the teacher sees: the URL's last path segment, or "import". */
    static String filename(URI url) {
        String path = url.getPath() == null ? "" : url.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").trim();
        return last.isEmpty() || last.length() > 200 ? "import" : last;
    }
}
