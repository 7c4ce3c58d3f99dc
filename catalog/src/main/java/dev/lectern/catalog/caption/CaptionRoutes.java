package dev.lectern.catalog.caption;

import dev.lectern.catalog.CatalogProblem;
import dev.lectern.catalog.access.CourseAccess;
import dev.lectern.catalog.api.Input;
import dev.lectern.catalog.api.Responses;
import dev.lectern.infra.auth.Authentication;
import dev.lectern.infra.auth.Identity;
import dev.lectern.infra.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Caption tracks: teachers upload SRT or WebVTT, which is checked, stored as WebVTT next to the
 * lecture's other objects and indexed cue by cue for search.
 */
public final class CaptionRoutes {
    private final CaptionStore captions;
    private final CaptionFiles files;
    private final CourseAccess access;

    public CaptionRoutes(CaptionStore captions, CaptionFiles files, CourseAccess access) {
        this.captions = captions;
        this.files = files;
        this.access = access;
    }

    public void mount(Router api) {
        api.get("/lectures/:lectureId/captions").handler(this::list);
        api.post("/lectures/:lectureId/captions").handler(this::upload);
        api.get("/lectures/:lectureId/captions/:captionId").handler(this::get);
        api.patch("/lectures/:lectureId/captions/:captionId").handler(this::update);
        api.put("/lectures/:lectureId/captions/:captionId/cues").handler(this::saveCues);
        api.delete("/lectures/:lectureId/captions/:captionId").handler(this::delete);
    }

    /** Students see the published tracks; teachers also the drafts waiting for their review. */
    private void list(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID lectureId = Input.uuidParam(ctx, "lectureId");
        access.requireViewer(who, lectureId)
                .compose(viewer -> captions.tracks(lectureId, viewer.teacher()))
                .onSuccess(tracks -> Responses.items(ctx, tracks, CaptionTrack::toJson))
                .onFailure(ctx::fail);
    }

    /** One track with its cues, for the caption editor and the transcript. */
    private void get(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID lectureId = Input.uuidParam(ctx, "lectureId");
        UUID captionId = Input.uuidParam(ctx, "captionId");
        access.requireViewer(who, lectureId)
                .compose(viewer -> visibleTrack(viewer, lectureId, captionId))
                .compose(
                        track ->
                                captions.cues(captionId)
                                        .map(
                                                cues -> {
                                                    JsonArray items = new JsonArray();
                                                    cues.forEach(
                                                            c -> items.add(CueEdits.toJson(c)));
                                                    return track.toJson().put("cues", items);
                                                }))
                .onSuccess(body -> Responses.read(ctx, body))
                .onFailure(ctx::fail);
    }

    private Future<CaptionTrack> visibleTrack(
            CourseAccess.Viewer viewer, UUID lectureId, UUID captionId) {
        return captions.track(lectureId, captionId)
                .map(
                        track ->
                                track.filter(t -> t.published() || viewer.teacher())
                                        .orElseThrow(() -> notFound(captionId)));
    }

    /** Label, default and whether students see it (a teacher publishes a reviewed draft). */
    private void update(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID lectureId = Input.uuidParam(ctx, "lectureId");
        UUID captionId = Input.uuidParam(ctx, "captionId");
        access.requireLectureTeacher(who, lectureId)
                .compose(
                        lecture -> {
                            JsonObject body =
                                    Input.body(ctx, Set.of("label", "default", "published"));
                            String label = Input.optionalText(body, "label", 100);
                            if (label != null && label.isEmpty()) {
                                throw Input.invalid("label", "must not be empty");
                            }
                            Boolean isDefault = Input.optionalBoolean(body, "default");
                            Boolean published = Input.optionalBoolean(body, "published");
                            if (Boolean.TRUE.equals(isDefault) && Boolean.FALSE.equals(published)) {
                                throw Input.invalid(
                                        "default", "a hidden track cannot be the default one");
                            }
                            TrackChanges changes = new TrackChanges(label, isDefault, published);
                            if (!Boolean.TRUE.equals(isDefault) || published != null) {
                                return captions.update(lectureId, captionId, changes);
                            }
                            return captions.track(lectureId, captionId)
                                    .compose(
                                            track -> {
                                                if (track.isPresent() && !track.get().published()) {
                                                    throw Input.invalid(
                                                            "default",
                                                            "publish the track first: a hidden"
                                                                    + " track cannot be the default"
                                                                    + " one");
                                                }
                                                return captions.update(
                                                        lectureId, captionId, changes);
                                            });
                        })
                .onSuccess(track -> answer(ctx, captionId, track))
                .onFailure(ctx::fail);
    }

    /** The caption editor saves: the cues become the track's next revision, file and index. */
    private void saveCues(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID lectureId = Input.uuidParam(ctx, "lectureId");
        UUID captionId = Input.uuidParam(ctx, "captionId");
        access.requireLectureTeacher(who, lectureId)
                .compose(lecture -> captions.cues(captionId))
                .compose(
                        before ->
                                files.replaceCues(
                                        lectureId,
                                        captionId,
                                        CueEdits.parse(Input.body(ctx, Set.of("cues")), before)))
                .onSuccess(track -> answer(ctx, captionId, track))
                .onFailure(ctx::fail);
    }

    private void upload(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID lectureId = Input.uuidParam(ctx, "lectureId");
        access.requireLectureTeacher(who, lectureId)
                .compose(
                        lecture -> {
                            var params = ctx.queryParams();
                            String language =
                                    Input.language(
                                            "language",
                                            required(params.get("language"), "language"));
                            String label = Input.withoutNul("label", params.get("label"));
                            label = label == null || label.isBlank() ? language : label.strip();
                            if (label.length() > 100) {
                                throw Input.invalid("label", "must be at most 100 characters");
                            }
                            boolean isDefault = "true".equals(params.get("default"));
                            List<Cue> cues = parse(ctx.body().buffer());
                            return files.add(
                                    lectureId,
                                    TrackFields.uploaded(language, label, isDefault),
                                    cues);
                        })
                .onSuccess(
                        track ->
                                Responses.created(
                                        ctx,
                                        "/api/v1/lectures/" + lectureId + "/captions/" + track.id(),
                                        track.toJson()))
                .onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID lectureId = Input.uuidParam(ctx, "lectureId");
        UUID captionId = Input.uuidParam(ctx, "captionId");
        access.requireLectureTeacher(who, lectureId)
                .compose(l -> files.remove(lectureId, captionId))
                .onSuccess(
                        removed -> {
                            if (removed) {
                                Responses.noContent(ctx);
                            } else {
                                ctx.fail(notFound(captionId));
                            }
                        })
                .onFailure(ctx::fail);
    }

    /** The changed track, or 404 when the lecture has no such track. */
    private static void answer(RoutingContext ctx, UUID captionId, Optional<CaptionTrack> track) {
        Responses.json(ctx, 200, track.orElseThrow(() -> notFound(captionId)).toJson());
    }

    private static ApiException notFound(UUID captionId) {
        return new ApiException(
                CatalogProblem.CAPTION_NOT_FOUND,
                "No caption track " + captionId + " on this lecture.");
    }

    private static List<Cue> parse(Buffer body) {
        if (body == null || body.length() == 0) {
            throw Input.invalid("body", "send the SRT or WebVTT file as the request body");
        }
        try {
            return Captions.parse(body.getBytes());
        } catch (CaptionFormatException e) {
            throw new ApiException(
                    CatalogProblem.INVALID_CAPTIONS,
                    "Line " + e.line() + ": " + e.getMessage() + ".",
                    new JsonObject().put("line", e.line()));
        }
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw Input.invalid(name, "is required as a query parameter, e.g. ?language=en");
        }
        return value;
    }
}
