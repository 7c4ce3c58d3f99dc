package dev.lectern.catalog.access;

import dev.lectern.catalog.CatalogProblem;
import dev.lectern.catalog.CourseRole;
import dev.lectern.catalog.lifecycle.LectureState;
import dev.lectern.infra.auth.Identity;
import dev.lectern.infra.http.ApiException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;

/** {@link CourseAccess} from the {@code memberships} and {@code lectures} tables. */
public final class PgCourseAccess implements CourseAccess {
    private static final String ROLE_IN_COURSE =
            "SELECT role FROM memberships WHERE course_id = $1 AND user_id = $2";
    private static final String COURSE_EXISTS = "SELECT 1 FROM courses WHERE id = $1";
    private static final String LECTURE_WITH_ROLE =
            "SELECT "
                    + LectureState.COLUMNS
                    + ", m.role, (l.visibility = 'published'"
                    + " OR (l.visibility = 'scheduled' AND l.available_from <= now())) AS released"
                    + " FROM lectures l LEFT JOIN memberships m"
                    + " ON m.course_id = l.course_id AND m.user_id = $2"
                    + " WHERE l.id = $1";

    private final Pool pool;

    public PgCourseAccess(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<Optional<CourseRole>> roleIn(Identity who, UUID courseId) {
        if (who.admin()) {
            return pool.preparedQuery(COURSE_EXISTS)
                    .execute(Tuple.of(courseId))
                    .map(
                            rows ->
                                    rows.size() > 0
                                            ? Optional.of(CourseRole.TEACHER)
                                            : Optional.empty());
        }
        return pool.preparedQuery(ROLE_IN_COURSE)
                .execute(Tuple.of(courseId, who.userId()))
                .map(
                        rows ->
                                rows.size() == 0
                                        ? Optional.empty()
                                        : Optional.of(
                                                CourseRole.fromDb(
                                                        rows.iterator().next().getString("role"))));
    }

    @Override
    public Future<Void> requireTeacher(Identity who, UUID courseId) {
        return requireMember(who, courseId)
                .compose(
                        role ->
                                role == CourseRole.TEACHER
                                        ? Future.succeededFuture()
                                        : Future.failedFuture(teachersOnly()));
    }

    @Override
    public Future<CourseRole> requireMember(Identity who, UUID courseId) {
        return roleIn(who, courseId)
                .compose(
                        role ->
                                role.map(Future::succeededFuture)
                                        .orElseGet(
                                                () ->
                                                        Future.failedFuture(
                                                                new ApiException(
                                                                        CatalogProblem
                                                                                .COURSE_NOT_FOUND,
                                                                        "No course "
                                                                                + courseId
                                                                                + " among yours."))));
    }

    @Override
    public Future<LectureState> requireLectureTeacher(Identity who, UUID lectureId) {
        return lectureWithRole(who, lectureId)
                .compose(
                        found ->
                                found.role() == CourseRole.TEACHER
                                        ? Future.succeededFuture(found.lecture())
                                        : Future.failedFuture(teachersOnly()));
    }

    @Override
    public Future<LectureState> requireLectureViewer(Identity who, UUID lectureId) {
        return requireViewer(who, lectureId).map(Viewer::lecture);
    }

    @Override
    public Future<Viewer> requireViewer(Identity who, UUID lectureId) {
        return lectureWithRole(who, lectureId)
                .compose(
                        found -> {
                            boolean watchable =
                                    found.role() == CourseRole.TEACHER
                                            || found.released() && found.lecture().playable();
                            return watchable
                                    ? Future.succeededFuture(
                                            new Viewer(found.lecture(), found.role()))
                                    : Future.failedFuture(lectureNotFound(lectureId));
                        });
    }

    private record LectureWithRole(LectureState lecture, CourseRole role, boolean released) {}

    private Future<LectureWithRole> lectureWithRole(Identity who, UUID lectureId) {
        return pool.preparedQuery(LECTURE_WITH_ROLE)
                .execute(Tuple.of(lectureId, who.userId()))
                .compose(
                        rows -> {
                            if (rows.size() == 0) {
                                return Future.failedFuture(lectureNotFound(lectureId));
                            }
                            Row row = rows.iterator().next();
                            String role = row.getString("role");
                            if (role == null && !who.admin()) {
                                return Future.failedFuture(lectureNotFound(lectureId));
                            }
                            CourseRole effective =
                                    who.admin() ? CourseRole.TEACHER : CourseRole.fromDb(role);
                            return Future.succeededFuture(
                                    new LectureWithRole(
                                            LectureState.from(row),
                                            effective,
                                            row.getBoolean("released")));
                        });
    }

    private static ApiException lectureNotFound(UUID lectureId) {
        return new ApiException(
                CatalogProblem.LECTURE_NOT_FOUND, "No lecture " + lectureId + " among yours.");
    }

    private static ApiException teachersOnly() {
        return new ApiException(
                CatalogProblem.TEACHERS_ONLY, "Ask a teacher of the course to do this.");
    }
}
