package dev.lectern.catalog.course;

import dev.lectern.catalog.CatalogProblem;
import dev.lectern.catalog.CourseRole;
import dev.lectern.catalog.access.CourseAccess;
import dev.lectern.catalog.api.Input;
import dev.lectern.catalog.api.Responses;
import dev.lectern.infra.auth.Authentication;
import dev.lectern.infra.auth.Identity;
import dev.lectern.infra.http.ApiException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.UUID;

/**
 * {@code /courses/{id}/members}: the course's teachers and admins enrol people, including people
 * who have never signed in; their name is filled in from their token on first sign-in.
 */
public final class MembershipRoutes {
    private static final Set<String> FIELDS = Set.of("role", "displayName");

    private final MembershipStore memberships;
    private final CourseAccess access;

    public MembershipRoutes(MembershipStore memberships, CourseAccess access) {
        this.memberships = memberships;
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
                .compose(v -> memberships.members(courseId))
                .onSuccess(members -> Responses.items(ctx, members, Member::toJson))
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
                            return memberships.enrol(
                                    courseId,
                                    userId,
                                    CourseRole.fromDb(role),
                                    name == null ? "" : name);
                        })
                .onSuccess(
                        enrolment ->
                                Responses.json(
                                        ctx,
                                        enrolment.added() ? 201 : 200,
                                        enrolment.member().toJson()))
                .onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        Identity who = Authentication.identity(ctx);
        UUID courseId = Input.uuidParam(ctx, "courseId");
        String userId = userId(ctx);
        access.requireTeacher(who, courseId)
                .compose(v -> memberships.remove(courseId, userId))
                .onSuccess(
                        removed -> {
                            if (removed) {
                                Responses.noContent(ctx);
                            } else {
                                ctx.fail(
                                        new ApiException(
                                                CatalogProblem.MEMBER_NOT_FOUND,
                                                userId + " is not in this course."));
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
}
