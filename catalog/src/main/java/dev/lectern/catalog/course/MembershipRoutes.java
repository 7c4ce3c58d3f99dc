package dev.lectern.catalog.course;

import dev.lectern.catalog.CatalogProblem;
import dev.lectern.catalog.access.CourseAccess;
import dev.lectern.catalog.api.Input;
import dev.lectern.catalog.api.Responses;
import dev.lectern.infra.auth.Authentication;
import dev.lectern.infra.auth.Identity;
import dev.lectern.infra.http.ApiException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Set;
import java.util.UUID;

/**
 * {@code /courses/{id}/members}: the course's teachers and admins enrol people. Enrolling someone
 * who has never signed in creates their {@code users} row, so a class list can be loaded before
 * term starts; their name is filled in from their token on first sign-in.
 */
public final class MembershipRoutes {
    private static final String LIST =
            "SELECT m.user_id, m.role, m.created_at, u.display_name, u.last_seen_at"
                    + " FROM memberships m JOIN users u ON u.id = m.user_id"
                    + " WHERE m.course_id = $1 ORDER BY m.role DESC, u.display_name, m.user_id";
    private static final String ENSURE_USER =
            "INSERT INTO users (id, display_name) VALUES ($1, $2)"
                    + " ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name"
                    + " WHERE users.display_name = '' AND excluded.display_name <> ''";
    private static final String UPSERT =
            "INSERT INTO memberships (course_id, user_id, role) VALUES ($1, $2, $3)"
                    + " ON CONFLICT (course_id, user_id) DO UPDATE SET role = excluded.role"
                    + " RETURNING (xmax = 0) AS inserted";
    private static final String ONE =
            "SELECT m.user_id, m.role, m.created_at, u.display_name, u.last_seen_at"
                    + " FROM memberships m JOIN users u ON u.id = m.user_id"
                    + " WHERE m.course_id = $1 AND m.user_id = $2";
    private static final String DELETE =
            "DELETE FROM memberships WHERE course_id = $1 AND user_id = $2";
    private static final Set<String> FIELDS = Set.of("role", "displayName");

    private final Pool pool;
    private final CourseAccess access;

    public MembershipRoutes(Pool pool, CourseAccess access) {
        this.pool = pool;
        this.access = access;
    }

    public void mount(Router api) {
        api.get("/courses/:courseId/members").handler(this::list);
        api.put("/courses/:courseId/members/:userId").handler(this::put);
        api.delete("/courses/:courseId/members/:userId").handler(this::delete);
    }

    private void list(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID courseId = Input.uuidParam(ctx, "courseId");
        access.requireTeacher(who, courseId)
                .compose(v -> pool.preparedQuery(LIST).execute(Tuple.of(courseId)))
                .onSuccess(rows -> Responses.items(ctx, rows, MembershipRoutes::toJson))
                .onFailure(ctx::fail);
    }

    /** Adds a member or changes their role; 201 when new, 200 when changed. */
    private void put(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID courseId = Input.uuidParam(ctx, "courseId");
        String userId = userId(ctx);
        access.requireTeacher(who, courseId)
                .compose(
                        v -> {
                            JsonObject body = Input.body(ctx, FIELDS);
                            String role =
                                    Input.optionalChoice(
                                            body, "role", Set.of("teacher", "student"));
                            if (role == null) {
                                throw Input.invalid("role", "is required: teacher or student");
                            }
                            String name = Input.optionalText(body, "displayName", 200);
                            return pool.withTransaction(
                                    tx ->
                                            tx.preparedQuery(ENSURE_USER)
                                                    .execute(
                                                            Tuple.of(
                                                                    userId,
                                                                    name == null ? "" : name))
                                                    .compose(
                                                            x ->
                                                                    tx.preparedQuery(UPSERT)
                                                                            .execute(
                                                                                    Tuple.of(
                                                                                            courseId,
                                                                                            userId,
                                                                                            role))));
                        })
                .compose(
                        upserted -> {
                            boolean inserted = upserted.iterator().next().getBoolean("inserted");
                            return pool.preparedQuery(ONE)
                                    .execute(Tuple.of(courseId, userId))
                                    .onSuccess(
                                            rows ->
                                                    Responses.json(
                                                            ctx,
                                                            inserted ? 201 : 200,
                                                            toJson(rows.iterator().next())));
                        })
                .onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID courseId = Input.uuidParam(ctx, "courseId");
        String userId = userId(ctx);
        access.requireTeacher(who, courseId)
                .compose(v -> pool.preparedQuery(DELETE).execute(Tuple.of(courseId, userId)))
                .onSuccess(
                        rows -> {
                            if (rows.rowCount() == 0) {
                                ctx.fail(
                                        new ApiException(
                                                CatalogProblem.MEMBER_NOT_FOUND,
                                                userId + " is not in this course."));
                            } else {
                                Responses.noContent(ctx);
                            }
                        })
                .onFailure(ctx::fail);
    }

    private static String userId(RoutingContext ctx) {
        String userId = ctx.pathParam("userId");
        if (userId == null || userId.isBlank() || userId.length() > 200) {
            throw Input.invalid("userId", "must be 1 to 200 characters");
        }
        return userId;
    }

    private static JsonObject toJson(Row row) {
        String name = row.getString("display_name");
        return new JsonObject()
                .put("userId", row.getString("user_id"))
                .put("displayName", name.isEmpty() ? row.getString("user_id") : name)
                .put("role", row.getString("role"))
                .put("since", Responses.time(row.getOffsetDateTime("created_at")))
                .put("lastSeenAt", Responses.time(row.getOffsetDateTime("last_seen_at")));
    }
}
