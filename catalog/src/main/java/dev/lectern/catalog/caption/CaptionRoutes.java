package dev.lectern.catalog.caption;

import dev.lectern.catalog.CatalogProblem;
import dev.lectern.catalog.StorageKeys;
import dev.lectern.catalog.access.CourseAccess;
import dev.lectern.catalog.api.Input;
import dev.lectern.catalog.api.Responses;
import dev.lectern.catalog.lecture.SearchConfigs;
import dev.lectern.infra.auth.Authentication;
import dev.lectern.infra.auth.Identity;
import dev.lectern.infra.http.ApiException;
import dev.lectern.infra.storage.ObjectStore;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Caption tracks: teachers upload SRT or WebVTT, which is checked, stored as WebVTT next to the
 * lecture's other objects and indexed cue by cue for search.
 */
public final class CaptionRoutes {
    static final String COLUMNS = "id, language, label, is_default, cue_count, created_at";
    private static final String LIST =
            "SELECT " + COLUMNS + " FROM captions WHERE lecture_id = $1 ORDER BY created_at, id";
    private static final String CLEAR_DEFAULT =
            "UPDATE captions SET is_default = false WHERE lecture_id = $1 AND is_default";
    private static final String INSERT =
            "INSERT INTO captions (id, lecture_id, language, label, is_default, object_key, cue_count)"
                    + " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING "
                    + COLUMNS;
    private static final String INSERT_CUE =
            "INSERT INTO caption_cues (caption_id, lecture_id, seq, start_seconds, end_seconds, body,"
                    + " search_config) VALUES ($1, $2, $3, $4, $5, $6, $7::regconfig)";
    private static final String DELETE =
            "DELETE FROM captions WHERE id = $1 AND lecture_id = $2 RETURNING object_key";

    private final Pool pool;
    private final ObjectStore store;
    private final CourseAccess access;

    public CaptionRoutes(Pool pool, ObjectStore store, CourseAccess access) {
        this.pool = pool;
        this.store = store;
        this.access = access;
    }

    public void mount(Router api) {
        api.get("/lectures/:lectureId/captions").handler(this::list);
        api.post("/lectures/:lectureId/captions").handler(this::upload);
        api.delete("/lectures/:lectureId/captions/:captionId").handler(this::delete);
    }

    private void list(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID lectureId = Input.uuidParam(ctx, "lectureId");
        access.requireLectureViewer(who, lectureId)
                .compose(l -> pool.preparedQuery(LIST).execute(Tuple.of(lectureId)))
                .onSuccess(rows -> Responses.items(ctx, rows, CaptionRoutes::toJson))
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
                            String label = params.get("label");
                            label = label == null || label.isBlank() ? language : label.strip();
                            if (label.length() > 100) {
                                throw Input.invalid("label", "must be at most 100 characters");
                            }
                            boolean isDefault = "true".equals(params.get("default"));
                            List<Cue> cues = parse(ctx.body().buffer());
                            UUID captionId = UUID.randomUUID();
                            String key = StorageKeys.caption(lectureId, captionId);
                            Buffer vtt = Buffer.buffer(Captions.toWebVtt(cues));
                            String finalLabel = label;
                            return store.put(key, vtt, "text/vtt; charset=utf-8")
                                    .compose(
                                            v ->
                                                    save(
                                                            captionId,
                                                            lectureId,
                                                            language,
                                                            finalLabel,
                                                            isDefault,
                                                            key,
                                                            cues));
                        })
                .onSuccess(
                        row ->
                                Responses.created(
                                        ctx,
                                        "/api/v1/lectures/"
                                                + lectureId
                                                + "/captions/"
                                                + row.getUUID("id"),
                                        toJson(row)))
                .onFailure(ctx::fail);
    }

    private Future<Row> save(
            UUID captionId,
            UUID lectureId,
            String language,
            String label,
            boolean isDefault,
            String key,
            List<Cue> cues) {
        String config = SearchConfigs.forLanguage(language);
        List<Tuple> batch = new ArrayList<>(cues.size());
        for (int i = 0; i < cues.size(); i++) {
            Cue cue = cues.get(i);
            batch.add(
                    Tuple.of(
                            captionId,
                            lectureId,
                            i,
                            cue.startSeconds(),
                            cue.endSeconds(),
                            cue.plainText(),
                            config));
        }
        return pool.withTransaction(
                tx ->
                        (isDefault
                                        ? tx.preparedQuery(CLEAR_DEFAULT)
                                                .execute(Tuple.of(lectureId))
                                                .mapEmpty()
                                        : Future.<Void>succeededFuture())
                                .compose(
                                        v ->
                                                tx.preparedQuery(INSERT)
                                                        .execute(
                                                                Tuple.of(
                                                                        captionId,
                                                                        lectureId,
                                                                        language,
                                                                        label,
                                                                        isDefault,
                                                                        key,
                                                                        cues.size())))
                                .compose(
                                        rows ->
                                                tx.preparedQuery(INSERT_CUE)
                                                        .executeBatch(batch)
                                                        .map(x -> rows.iterator().next())));
    }

    private void delete(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID lectureId = Input.uuidParam(ctx, "lectureId");
        UUID captionId = Input.uuidParam(ctx, "captionId");
        access.requireLectureTeacher(who, lectureId)
                .compose(l -> pool.preparedQuery(DELETE).execute(Tuple.of(captionId, lectureId)))
                .compose(
                        rows -> {
                            if (rows.rowCount() == 0) {
                                return Future.failedFuture(
                                        new ApiException(
                                                CatalogProblem.CAPTION_NOT_FOUND,
                                                "No caption track "
                                                        + captionId
                                                        + " on this lecture."));
                            }
                            return store.delete(rows.iterator().next().getString("object_key"));
                        })
                .onSuccess(v -> Responses.noContent(ctx))
                .onFailure(ctx::fail);
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

    static JsonObject toJson(Row row) {
        return new JsonObject()
                .put("id", row.getUUID("id").toString())
                .put("language", row.getString("language"))
                .put("label", row.getString("label"))
                .put("default", row.getBoolean("is_default"))
                .put("cueCount", row.getInteger("cue_count"))
                .put("createdAt", Responses.time(row.getOffsetDateTime("created_at")));
    }
}
