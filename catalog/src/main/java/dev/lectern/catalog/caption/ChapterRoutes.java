package dev.lectern.catalog.caption;

import dev.lectern.catalog.CatalogProblem;
import dev.lectern.catalog.access.CourseAccess;
import dev.lectern.catalog.api.Input;
import dev.lectern.catalog.api.Responses;
import dev.lectern.infra.auth.Authentication;
import dev.lectern.infra.auth.Identity;
import dev.lectern.infra.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.Set;
import java.util.UUID;

/** Chapters: named start times teachers set so students can jump to a topic. */
public final class ChapterRoutes {
    static final String LIST =
            "SELECT id, title, start_seconds FROM chapters WHERE lecture_id = $1"
                    + " ORDER BY start_seconds, title";
    private static final String INSERT =
            "INSERT INTO chapters (lecture_id, title, start_seconds) VALUES ($1, $2, $3)"
                    + " RETURNING id, title, start_seconds";
    private static final String UPDATE =
            "UPDATE chapters SET title = coalesce($3, title), start_seconds = coalesce($4, start_seconds)"
                    + " WHERE id = $1 AND lecture_id = $2 RETURNING id, title, start_seconds";
    private static final String DELETE = "DELETE FROM chapters WHERE id = $1 AND lecture_id = $2";
    private static final Set<String> FIELDS = Set.of("title", "startSeconds");

    /** Longer than any recording Lectern accepts (a day). */
    private static final double MAX_SECONDS = 86_400;

    private final Pool pool;
    private final CourseAccess access;

    public ChapterRoutes(Pool pool, CourseAccess access) {
        this.pool = pool;
        this.access = access;
    }

    public void mount(Router api) {
        api.get("/lectures/:lectureId/chapters").handler(this::list);
        api.post("/lectures/:lectureId/chapters").handler(this::create);
        api.patch("/lectures/:lectureId/chapters/:chapterId").handler(this::update);
        api.delete("/lectures/:lectureId/chapters/:chapterId").handler(this::delete);
    }

    private void list(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID lectureId = Input.uuidParam(ctx, "lectureId");
        access.requireLectureViewer(who, lectureId)
                .compose(l -> pool.preparedQuery(LIST).execute(Tuple.of(lectureId)))
                .onSuccess(rows -> Responses.read(ctx, new JsonObject().put("items", toJson(rows))))
                .onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID lectureId = Input.uuidParam(ctx, "lectureId");
        access.requireLectureTeacher(who, lectureId)
                .compose(
                        l -> {
                            JsonObject body = Input.body(ctx, FIELDS);
                            String title = Input.text(body, "title", 1, 300);
                            Double start =
                                    Input.optionalNumber(body, "startSeconds", 0, MAX_SECONDS);
                            if (start == null) {
                                throw Input.invalid("startSeconds", "is required");
                            }
                            return pool.preparedQuery(INSERT)
                                    .execute(Tuple.of(lectureId, title, start));
                        })
                .onSuccess(
                        rows -> {
                            JsonObject chapter = toJson(rows.iterator().next());
                            Responses.created(
                                    ctx,
                                    "/api/v1/lectures/"
                                            + lectureId
                                            + "/chapters/"
                                            + chapter.getString("id"),
                                    chapter);
                        })
                .onFailure(ctx::fail);
    }

    private void update(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID lectureId = Input.uuidParam(ctx, "lectureId");
        UUID chapterId = Input.uuidParam(ctx, "chapterId");
        access.requireLectureTeacher(who, lectureId)
                .compose(
                        l -> {
                            JsonObject body = Input.body(ctx, FIELDS);
                            String title =
                                    body.containsKey("title")
                                            ? Input.text(body, "title", 1, 300)
                                            : null;
                            Double start =
                                    Input.optionalNumber(body, "startSeconds", 0, MAX_SECONDS);
                            return pool.preparedQuery(UPDATE)
                                    .execute(Tuple.of(chapterId, lectureId, title, start));
                        })
                .compose(ChapterRoutes::found)
                .onSuccess(rows -> Responses.json(ctx, 200, toJson(rows.iterator().next())))
                .onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID lectureId = Input.uuidParam(ctx, "lectureId");
        UUID chapterId = Input.uuidParam(ctx, "chapterId");
        access.requireLectureTeacher(who, lectureId)
                .compose(l -> pool.preparedQuery(DELETE).execute(Tuple.of(chapterId, lectureId)))
                .compose(ChapterRoutes::found)
                .onSuccess(rows -> Responses.noContent(ctx))
                .onFailure(ctx::fail);
    }

    private static Future<RowSet<Row>> found(RowSet<Row> rows) {
        return rows.rowCount() == 0
                ? Future.failedFuture(
                        new ApiException(
                                CatalogProblem.CHAPTER_NOT_FOUND,
                                "No such chapter on this lecture."))
                : Future.succeededFuture(rows);
    }

    static JsonArray toJson(RowSet<Row> rows) {
        JsonArray items = new JsonArray();
        rows.forEach(row -> items.add(toJson(row)));
        return items;
    }

    static JsonObject toJson(Row row) {
        return new JsonObject()
                .put("id", row.getUUID("id").toString())
                .put("title", row.getString("title"))
                .put("startSeconds", row.getDouble("start_seconds"));
    }
}
