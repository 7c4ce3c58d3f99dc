package dev.lectern.catalog.lecture;

import dev.lectern.catalog.CatalogProblem;
import dev.lectern.catalog.CourseRole;
import dev.lectern.catalog.access.CourseAccess;
import dev.lectern.catalog.api.Input;
import dev.lectern.catalog.api.Responses;
import dev.lectern.catalog.lifecycle.LectureLifecycle;
import dev.lectern.infra.auth.Authentication;
import dev.lectern.infra.auth.Identity;
import dev.lectern.infra.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/** Creating, reading, editing, deleting and re-processing one lecture. */
public final class LectureRoutes {
    private static final String INSERT =
            "INSERT INTO lectures (course_id, title, description, presenter, recorded_at, language,"
                    + " visibility, available_from, search_config, created_by)"
                    + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::regconfig, $10) RETURNING id";
    private static final String FIELDS =
            "SELECT " + LectureFields.COLUMNS + " FROM lectures WHERE id = $1 FOR UPDATE";
    private static final String UPDATE =
            "UPDATE lectures SET title = $2, description = $3, presenter = $4, recorded_at = $5,"
                    + " language = $6, visibility = $7, available_from = $8,"
                    + " search_config = $9::regconfig, updated_at = now() WHERE id = $1";
    private static final String ONE =
            "SELECT " + LectureView.COLUMNS + " FROM lectures l WHERE l.id = $1";

    /** Re-processing is a teacher's request; it runs after new uploads of the same priority. */
    private static final int REPROCESS_PRIORITY = 200;

    private final Pool pool;
    private final CourseAccess access;
    private final LectureLifecycle lifecycle;
    private final LectureRemoval removal;

    public LectureRoutes(
            Pool pool, CourseAccess access, LectureLifecycle lifecycle, LectureRemoval removal) {
        this.pool = pool;
        this.access = access;
        this.lifecycle = lifecycle;
        this.removal = removal;
    }

    public void mount(Router api) {
        api.post("/courses/:courseId/lectures").handler(this::create);
        api.get("/lectures/:lectureId").handler(this::get);
        api.patch("/lectures/:lectureId").handler(this::update);
        api.delete("/lectures/:lectureId").handler(this::delete);
        api.post("/lectures/:lectureId/reprocess").handler(this::reprocess);
    }

    private void create(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID courseId = Input.uuidParam(ctx, "courseId");
        access.requireTeacher(who, courseId)
                .compose(
                        v -> {
                            JsonObject body = Input.body(ctx, LectureFields.NAMES);
                            LectureFields fields = LectureFields.defaults().merge(body);
                            Tuple args =
                                    fields.appendTo(Tuple.of(courseId)).addString(who.userId());
                            return pool.preparedQuery(INSERT).execute(args);
                        })
                .compose(rows -> fetch(rows.iterator().next().getUUID("id"), true))
                .onSuccess(
                        lecture ->
                                Responses.created(
                                        ctx,
                                        "/api/v1/lectures/" + lecture.getString("id"),
                                        lecture))
                .onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID lectureId = Input.uuidParam(ctx, "lectureId");
        access.requireLectureViewer(who, lectureId)
                .compose(lecture -> access.roleIn(who, lecture.courseId()))
                .compose(role -> fetch(lectureId, role.orElse(null) == CourseRole.TEACHER))
                .onSuccess(lecture -> Responses.read(ctx, lecture))
                .onFailure(ctx::fail);
    }

    private void update(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID lectureId = Input.uuidParam(ctx, "lectureId");
        access.requireLectureTeacher(who, lectureId)
                .compose(
                        lecture -> {
                            JsonObject body = Input.body(ctx, LectureFields.NAMES);
                            return pool.withTransaction(tx -> update(ctx, tx, lectureId, body));
                        })
                .compose(v -> fetch(lectureId, true))
                .onSuccess(lecture -> Responses.written(ctx, lecture))
                .onFailure(ctx::fail);
    }

    /** Locks the row, checks If-Match against what a teacher reads, then merges the fields. */
    private Future<Void> update(
            RoutingContext ctx, SqlConnection tx, UUID lectureId, JsonObject body) {
        return tx.preparedQuery(FIELDS)
                .execute(Tuple.of(lectureId))
                .compose(
                        fields ->
                                tx.preparedQuery(ONE)
                                        .execute(Tuple.of(lectureId))
                                        .compose(
                                                current -> {
                                                    Responses.requireMatch(
                                                            ctx,
                                                            LectureView.toJson(
                                                                    current.iterator().next(),
                                                                    true));
                                                    LectureFields merged =
                                                            LectureFields.from(
                                                                            fields.iterator()
                                                                                    .next())
                                                                    .merge(body);
                                                    return tx.preparedQuery(UPDATE)
                                                            .execute(
                                                                    merged.appendTo(
                                                                            Tuple.of(lectureId)));
                                                }))
                .mapEmpty();
    }

    private void delete(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID lectureId = Input.uuidParam(ctx, "lectureId");
        access.requireLectureTeacher(who, lectureId)
                .compose(lecture -> removal.removeLecture(lectureId))
                .onSuccess(v -> Responses.noContent(ctx))
                .onFailure(ctx::fail);
    }

    /** Runs processing again from the kept source; viewers keep the published version meanwhile. */
    private void reprocess(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID lectureId = Input.uuidParam(ctx, "lectureId");
        access.requireLectureTeacher(who, lectureId)
                .compose(lecture -> lifecycle.reprocess(lectureId, REPROCESS_PRIORITY))
                .compose(v -> fetch(lectureId, true))
                .onSuccess(lecture -> Responses.json(ctx, 202, lecture))
                .onFailure(ctx::fail);
    }

    private Future<JsonObject> fetch(UUID lectureId, boolean teacher) {
        return pool.preparedQuery(ONE)
                .execute(Tuple.of(lectureId))
                .compose(
                        rows ->
                                rows.size() == 0
                                        ? Future.failedFuture(
                                                new ApiException(
                                                        CatalogProblem.LECTURE_NOT_FOUND,
                                                        "No lecture " + lectureId + "."))
                                        : Future.succeededFuture(
                                                LectureView.toJson(
                                                        rows.iterator().next(), teacher)));
    }
}
