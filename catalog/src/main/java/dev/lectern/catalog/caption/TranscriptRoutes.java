package dev.lectern.catalog.caption;

import dev.lectern.catalog.CatalogProblem;
import dev.lectern.catalog.access.CourseAccess;
import dev.lectern.catalog.api.Input;
import dev.lectern.infra.auth.Authentication;
import dev.lectern.infra.auth.Identity;
import dev.lectern.infra.http.ApiException;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /lectures/{id}/transcript}: a caption track as plain text to read or keep, in
 * paragraphs broken where the speaker paused. The default track unless {@code ?caption=} names
 * another; students get published tracks only.
 */
public final class TranscriptRoutes {
    /** A pause this long starts a new paragraph. */
    static final double PARAGRAPH_PAUSE_SECONDS = 2.0;

    private final CaptionStore captions;
    private final CourseAccess access;

    public TranscriptRoutes(CaptionStore captions, CourseAccess access) {
        this.captions = captions;
        this.access = access;
    }

    public void mount(Router api) {
        api.get("/lectures/:lectureId/transcript").handler(this::transcript);
    }

    private void transcript(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID lectureId = Input.uuidParam(ctx, "lectureId");
        String chosen = ctx.queryParams().get("caption");
        UUID captionId = chosen == null ? null : Input.uuid("caption", chosen);
        access.requireViewer(who, lectureId)
                .compose(viewer -> captions.tracks(lectureId, viewer.teacher()))
                .compose(tracks -> pick(tracks, captionId))
                .compose(track -> captions.cues(track.id()))
                .onSuccess(
                        cues ->
                                ctx.response()
                                        .putHeader("Content-Type", "text/plain; charset=utf-8")
                                        .putHeader(
                                                "Content-Disposition",
                                                "attachment; filename=\"transcript.txt\"")
                                        .putHeader("Cache-Control", "private, no-cache")
                                        .end(text(cues)))
                .onFailure(ctx::fail);
    }

    private static Future<CaptionTrack> pick(List<CaptionTrack> tracks, UUID captionId) {
        return tracks.stream()
                .filter(t -> captionId == null ? t.isDefault() : t.id().equals(captionId))
                .findFirst()
                .or(
                        () ->
                                captionId == null
                                        ? tracks.stream().findFirst()
                                        : java.util.Optional.empty())
                .map(Future::succeededFuture)
                .orElseGet(
                        () ->
                                Future.failedFuture(
                                        new ApiException(
                                                CatalogProblem.CAPTION_NOT_FOUND,
                                                captionId == null
                                                        ? "This lecture has no captions yet."
                                                        : "No caption track "
                                                                + captionId
                                                                + " on this lecture.")));
    }

    static String text(List<Cue> cues) {
        StringBuilder out = new StringBuilder();
        double lastEnd = Double.NEGATIVE_INFINITY;
        for (Cue cue : cues) {
            if (out.length() > 0) {
                out.append(cue.startSeconds() - lastEnd >= PARAGRAPH_PAUSE_SECONDS ? "\n\n" : " ");
            }
            out.append(cue.plainText().replace('\n', ' '));
            lastEnd = cue.endSeconds();
        }
        return out.append('\n').toString();
    }
}
