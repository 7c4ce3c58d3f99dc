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
import dev.lectern.infra.http.RequestDeadline;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** {@code /courses}: admins create and delete courses, teachers edit them, members read them. */
public final class CourseRoutes {
    private static final Set<String> FIELDS =
            Set.of("code", "title", "term", "description", "glossary");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String ADMIN = "admin";

    private final CourseStore courses;
    private final CourseAccess access;
    private final LectureRemoval removal;

    public CourseRoutes(CourseStore courses, CourseAccess access, LectureRemoval removal) {
        this.courses = courses;
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
        requireAdmin(Authentication.identity(ctx));
        JsonObject body = Input.body(ctx, FIELDS);
        CourseFields fields =
                new CourseFields(
                        code(body, true),
                        Input.text(body, "title", 1, 300),
                        orEmpty(Input.optionalText(body, "term", 64)),
                        orEmpty(Input.optionalText(body, "description", 20_000)),
                        orEmpty(glossary(body)));
        courses.create(fields)
                .onSuccess(
                        course ->
                                Responses.created(
                                        ctx,
                                        "/api/v1/courses/" + course.id(),
                                        course.toJson(ADMIN)))
                .onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        if (who.admin()) {
            courses.all()
                    .onSuccess(all -> Responses.items(ctx, all, course -> course.toJson(ADMIN)))
                    .onFailure(ctx::fail);
        } else {
            courses.enrolled(who.userId())
                    .onSuccess(
                            mine ->
                                    Responses.items(
                                            ctx, mine, e -> e.course().toJson(e.role().dbValue())))
                    .onFailure(ctx::fail);
        }
    }

    private void get(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID courseId = Input.uuidParam(ctx, "courseId");
        access.requireMember(who, courseId)
                .compose(
                        role ->
                                courses.find(courseId)
                                        .compose(course -> found(course, courseId))
                                        .map(course -> course.toJson(roleName(who, role))))
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
                            CourseFields changes =
                                    new CourseFields(
                                            code(body, false),
                                            body.containsKey("title")
                                                    ? Input.text(body, "title", 1, 300)
                                                    : null,
                                            Input.optionalText(body, "term", 64),
                                            Input.optionalText(body, "description", 20_000),
                                            glossary(body));
                            return courses.update(courseId, changes);
                        })
                .compose(course -> found(course, courseId))
                .onSuccess(
                        course ->
                                Responses.json(
                                        ctx, 200, course.toJson(who.admin() ? ADMIN : "teacher")))
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
                            // Thousands of objects may go: the answer waits for all of them.
                            RequestDeadline.suspend(ctx);
                            return removal.removeCourse(courseId);
                        })
                .onSuccess(v -> Responses.noContent(ctx))
                .onFailure(ctx::fail);
    }

    private static Future<Course> found(Optional<Course> course, UUID courseId) {
        return course.map(Future::succeededFuture)
                .orElseGet(
                        () ->
                                Future.failedFuture(
                                        new ApiException(
                                                CatalogProblem.COURSE_NOT_FOUND,
                                                "No course " + courseId + ".")));
    }

    private static String roleName(Identity who, CourseRole role) {
        return who.admin() ? ADMIN : role.dbValue();
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

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }

    /** Up to 100 distinct terms of at most 100 characters, in the teacher's order. */
    private static List<String> glossary(JsonObject body) {
        List<String> terms = Input.optionalTextList(body, "glossary", 100, 100);
        return terms == null ? null : terms.stream().filter(t -> !t.isEmpty()).distinct().toList();
    }

    private static void requireAdmin(Identity who) {
        if (!who.admin()) {
            throw new ApiException(CatalogProblem.ADMINS_ONLY, "Ask an administrator to do this.");
        }
    }
}
