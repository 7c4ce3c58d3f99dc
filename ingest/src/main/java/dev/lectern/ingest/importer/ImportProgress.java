package dev.lectern.ingest.importer;

import dev.lectern.infra.jobs.JobContext;
import io.vertx.core.json.JsonObject;

/**
 * An import's progress in its job: the bytes so far, at most once a second, and every new resume
 * point at once, since an attempt that died before the next report would start over.
 */
final class ImportProgress implements ResumingCopy.Progress {
    private static final long EVERY_MS = 1000;

    private final JobContext context;
    private Checkpoint reported;
    private long lastReport;

    /** @param earlier the resume point an earlier attempt reported, or null */
    ImportProgress(JobContext context, Checkpoint earlier) {
        this.context = context;
        this.reported = earlier;
    }

    @Override
    public void update(long received, Long total, Checkpoint checkpoint) {
        long now = System.currentTimeMillis();
        boolean moved = checkpoint != null && !checkpoint.equals(reported);
        if (moved || now - lastReport >= EVERY_MS) {
            lastReport = now;
            reported = checkpoint == null ? reported : checkpoint;
            context.progress(report(received, total, reported));
        }
    }

    /** Every byte is stored: no resume point is needed any more. */
    void copied(long size) {
        context.progress(report(size, size, null));
    }

    private static JsonObject report(long received, Long total, Checkpoint checkpoint) {
        JsonObject progress = new JsonObject().put("phase", "downloading").put("bytes", received);
        if (checkpoint != null) {
            checkpoint.addTo(progress);
        }
        if (total != null && total > 0) {
            progress.put("totalBytes", total)
                    .put("percent", Math.round(received * 1000.0 / total) / 10.0);
        }
        return progress;
    }
}
