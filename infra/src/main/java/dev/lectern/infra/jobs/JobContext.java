package dev.lectern.infra.jobs;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/**
 * What a handler gets for one attempt of one job: the job, a way to report progress, and a stop
 * signal to watch (kill ffmpeg when it fires).
 */
public final class JobContext {
    private final Job job;
    private final JobQueue queue;
    private final String leaseOwner;
    private final Promise<StopReason> stop = Promise.promise();

    JobContext(Job job, JobQueue queue, String leaseOwner) {
        this.job = job;
        this.queue = queue;
        this.leaseOwner = leaseOwner;
    }

    public Job job() {
        return job;
    }

    public JsonObject payload() {
        return job.payload();
    }

    /** 1 for the first attempt. */
    public int attempt() {
        return job.attempts();
    }

    /**
     * This attempt's scratch folder under {@code root}: {@code job-<id>-<attempt>}. Keep an
     * attempt's local files there; when its worker dies, {@link ScratchSweeper} finds the folder
     * by that name and deletes it once no live lease holds the attempt.
     */
    public Path scratchFolder(Path root) {
        return ScratchSweeper.folder(root, job.id(), attempt());
    }

    /** Stores progress while this worker holds the job; throttle calls (e.g. once a second). */
    public Future<Boolean> progress(JsonObject progress) {
        if (stop.future().isComplete()) {
            return Future.succeededFuture(false);
        }
        return queue.progress(job.id(), leaseOwner, progress);
    }

    /** Completes with the reason when the handler should stop early; never fails. */
    public Future<StopReason> stopSignal() {
        return stop.future();
    }

    public boolean stopRequested() {
        return stop.future().isComplete();
    }

    /** The reason the handler was asked to stop, or null. */
    public StopReason stopReason() {
        return stop.future().result();
    }

    void requestStop(StopReason reason) {
        stop.tryComplete(reason);
    }
}
