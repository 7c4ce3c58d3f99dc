package dev.lectern.catalog.course;

import dev.lectern.catalog.CatalogProblem;
import dev.lectern.catalog.CourseRole;
import dev.lectern.catalog.access.CourseAccess;
import dev.lectern.catalog.api.Input;
import dev.lectern.catalog.api.Responses;
import dev.lectern.catalog.lecture.LectureRemoval;
import dev.lectern.infra.auth.Authentication;
import dev.lectern.infra.auth.Identity;
import dev.lectern.infra.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** {@code /courses}: admins create and delete courses, teachers edit them, members read them. */
public final class CourseRoutes {
    private static final String COLUMNS =
            "c.id, c.code, c.title, c.term, c.description, c.created_at, c.updated_at";
    private static final String INSERT =
            "INSERT INTO courses (code, title, term, description) VALUES ($1, $2, $3, $4)"
                    + " RETURNING id";
    private static final String ONE = "SELECT " + COLUMNS + " FROM courses c WHERE c.id = $1";
    private static final String ALL =
            "SELECT " + COLUMNS + ", NULL AS role FROM courses c ORDER BY c.code";
    private static final String MINE =
            "SELECT "
                    + COLUMNS
                    + ", m.role FROM courses c JOIN memberships m ON m.course_id = c.id"
                    + " WHERE m.user_id = $1 ORDER BY c.code";
    private static final String UPDATE =
            "UPDATE courses SET code = coalesce($2, code), title = coalesce($3, title),"
                    + " term = coalesce($4, term), description = coalesce($5, description),"
                    + " updated_at = now() WHERE id = $1";
    private static final Set<String> FIELDS = Set.of("code", "title", "term", "description");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Pool pool;
    private final CourseAccess access;
    private final LectureRemoval removal;

    public CourseRoutes(Pool pool, CourseAccess access, LectureRemoval removal) {
        this.pool = pool;
        this.access = access;
        this.removal = removal;
    }

    public void mount(Router api) {
        api.post("/courses").handler(this::create);
        api.get("/courses").handler(this::list);
        api.get("/courses/:courseId").handler(this::get);
        api.patch("/courses/:courseId").handler(this::update);
        api.delete("/courses/:courseId").handler(this::delete);
    }

    private void create(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        requireAdmin(who);
        JsonObject body = Input.body(ctx, FIELDS);
        String code = code(body, true);
        String title = Input.text(body, "title", 1, 300);
        String term = orEmpty(Input.optionalText(body, "term", 64));
        String description = orEmpty(Input.optionalText(body, "description", 20_000));
        pool.preparedQuery(INSERT)
                .execute(Tuple.of(code, title, term, description))
                .recover(CourseRoutes::codeTaken)
                .compose(rows -> fetch(rows.iterator().next().getUUID("id"), "admin"))
                .onSuccess(
                        course ->
                                Responses.created(
                                        ctx, "/api/v1/courses/" + course.getString("id"), course))
                .onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        var query =
                who.admin()
                        ? pool.preparedQuery(ALL).execute()
                        : pool.preparedQuery(MINE).execute(Tuple.of(who.userId()));
        query.onSuccess(
                        rows ->
                                Responses.items(
                                        ctx,
                                        rows,
                                        row ->
                                                toJson(
                                                        row,
                                                        row.getString("role") == null
                                                                ? "admin"
                                                                : row.getString("role"))))
                .onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID courseId = Input.uuidParam(ctx, "courseId");
        access.requireMember(who, courseId)
                .compose(role -> fetch(courseId, roleName(who, role)))
                .onSuccess(course -> Responses.read(ctx, course))
                .onFailure(ctx::fail);
    }

    private void update(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID courseId = Input.uuidParam(ctx, "courseId");
        access.requireTeacher(who, courseId)
                .compose(
                        v -> {
                            JsonObject body = Input.body(ctx, FIELDS);
                            Tuple args =
                                    Tuple.of(
                                            courseId,
                                            code(body, false),
                                            body.containsKey("title")
                                                    ? Input.text(body, "title", 1, 300)
                                                    : null,
                                            Input.optionalText(body, "term", 64),
                                            Input.optionalText(body, "description", 20_000));
                            return pool.preparedQuery(UPDATE)
                                    .execute(args)
                                    .recover(CourseRoutes::codeTaken);
                        })
                .compose(v -> fetch(courseId, who.admin() ? "admin" : "teacher"))
                .onSuccess(course -> Responses.json(ctx, 200, course))
                .onFailure(ctx::fail);
    }

    /** Deletes the course, its lectures and every object they own. */
    private void delete(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID courseId = Input.uuidParam(ctx, "courseId");
        access.requireMember(who, courseId)
                .compose(
                        role -> {
                            requireAdmin(who);
                            return removal.removeCourse(courseId);
                        })
                .onSuccess(v -> Responses.noContent(ctx))
                .onFailure(ctx::fail);
    }

    private Future<JsonObject> fetch(UUID courseId, String role) {
        return pool.preparedQuery(ONE)
                .execute(Tuple.of(courseId))
                .compose(
                        rows ->
                                rows.size() == 0
                                        ? Future.failedFuture(
                                                new ApiException(
                                                        CatalogProblem.COURSE_NOT_FOUND,
                                                        "No course " + courseId + "."))
                                        : Future.succeededFuture(
                                                toJson(rows.iterator().next(), role)));
    }

    static JsonObject toJson(Row row, String role) {
        return new JsonObject()
                .put("id", row.getUUID("id").toString())
                .put("code", row.getString("code"))
                .put("title", row.getString("title"))
                .put("term", row.getString("term"))
                .put("description", row.getString("description"))
                .put("role", role)
                .put("createdAt", Responses.time(row.getOffsetDateTime("created_at")))
                .put("updatedAt", Responses.time(row.getOffsetDateTime("updated_at")));
    }

    private static String roleName(Identity who, CourseRole role) {
        return who.admin() ? "admin" : role.dbValue();
    }

    private static String code(JsonObject body, boolean required) {
        String code =
                required ? Input.text(body, "code", 1, 64) : Input.optionalText(body, "code", 64);
        if (code != null && !CODE.matcher(code).matches()) {
            throw Input.invalid(
                    "code", "must be letters, digits, '.', '_' or '-', such as CS101 or phys-2026");
        }
        return code;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static <T> Future<T> codeTaken(Throwable e) {
        if (e instanceof PgException pg && "23505".equals(pg.getSqlState())) {
            return Future.failedFuture(
                    new ApiException(
                            CatalogProblem.COURSE_CODE_TAKEN, "Choose another course code."));
        }
        return Future.failedFuture(e);
    }

    static void requireAdmin(Identity who) {
        if (!who.admin()) {
            throw new ApiException(CatalogProblem.ADMINS_ONLY, "Ask an administrator to do this.");
        }
    }
}
