package dev.lectern.catalog;

import dev.lectern.infra.jobs.NewJob;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * Background work on a published lecture (speech recognition, slide detection): how its jobs are
 * queued, and where the latest job of one kind on a lecture stands, as its teachers read it: {@code state} is
 * {@code off} (the installation does not do it), {@code none} (never queued), {@code queued},
 * {@code running}, {@code done} or {@code failed}, with {@code percent} and {@code error}.
 */
public final class BackgroundWork {
    private static final String LAST_JOB =
            "SELECT status, progress, last_error FROM jobs WHERE lecture_id = $1 AND kind = $2"
                    + " ORDER BY id DESC LIMIT 1";

    /** What students wait for after the encodes: ahead of nothing, behind every transcode. */
    private static final int PRIORITY = 500;

    private BackgroundWork() {}

    /** A job of {@code kind} on a lecture, queued behind the encodes. */
    public static NewJob job(String kind, UUID lectureId) {
        return NewJob.of(kind, new JsonObject()).forLecture(lectureId).withPriority(PRIORITY);
    }

    /** Adds the state of the lecture's latest {@code kind} job to {@code status}. */
    public static Future<JsonObject> state(
            Pool pool, UUID lectureId, String kind, boolean enabled, JsonObject status) {
        return pool.preparedQuery(LAST_JOB)
                .execute(Tuple.of(lectureId, kind))
                .map(
                        rows -> {
                            if (rows.size() == 0) {
                                return status.put("state", enabled ? "none" : "off");
                            }
                            Row job = rows.iterator().next();
                            JsonObject progress = job.getJsonObject("progress");
                            String state = job.getString("status");
                            return status.put("state", state.equals("succeeded") ? "done" : state)
                                    .put(
                                            "percent",
                                            progress == null ? null : progress.getDouble("percent"))
                                    .put("error", job.getString("last_error"));
                        });
    }
}
