package dev.lectern.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.catalog.access.CourseAccess;
import dev.lectern.catalog.access.PgCourseAccess;
import dev.lectern.infra.auth.Identity;
import dev.lectern.infra.http.ApiException;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Course access from memberships")
class CourseAccessTest {
    static final Identity TEACHER = new Identity("tina", "Tina", false);
    static final Identity STUDENT = new Identity("sam", "Sam", false);
    static final Identity OUTSIDER = new Identity("olga", "Olga", false);
    static final Identity ADMIN = new Identity("root", "Root", true);

    static CatalogFixture db;
    static CourseAccess access;
    static UUID course;
    static UUID draft;
    static UUID published;
    static UUID scheduledLater;
    static UUID scheduledPast;

    @BeforeAll
    static void setUp() throws Exception {
        db = new CatalogFixture();
        access = new PgCourseAccess(db.pool);
        course = db.course("ACC101");
        db.course("OTHER1");
        db.member(course, TEACHER.userId(), CourseRole.TEACHER);
        db.member(course, STUDENT.userId(), CourseRole.STUDENT);
        draft = db.lecture(course, "Draft");
        published = db.lecture(course, "Published");
        scheduledLater = db.lecture(course, "Later");
        scheduledPast = db.lecture(course, "Earlier");
        for (UUID id : new UUID[] {draft, published, scheduledLater, scheduledPast}) {
            db.sql("UPDATE lectures SET last_version = 1, published_version = 1 WHERE id = $1", id);
        }
        db.sql("UPDATE lectures SET visibility = 'published' WHERE id = $1", published);
        db.sql(
                "UPDATE lectures SET visibility = 'scheduled', available_from = now() + interval '1 day' WHERE id = $1",
                scheduledLater);
        db.sql(
                "UPDATE lectures SET visibility = 'scheduled', available_from = now() - interval '1 minute' WHERE id = $1",
                scheduledPast);
    }

    @AfterAll
    static void tearDown() throws Exception {
        db.close();
    }

    private static String code(Throwable e) {
        return ((ApiException) e).code().name();
    }

    @Test
    @DisplayName("members get their role, admins count as teachers, outsiders get nothing")
    void roles() throws Exception {
        assertThat(access.roleIn(TEACHER, course).await()).contains(CourseRole.TEACHER);
        assertThat(access.roleIn(STUDENT, course).await()).contains(CourseRole.STUDENT);
        assertThat(access.roleIn(ADMIN, course).await()).contains(CourseRole.TEACHER);
        assertThat(access.roleIn(OUTSIDER, course).await()).isEmpty();
        assertThat(access.roleIn(ADMIN, UUID.randomUUID()).await()).isEqualTo(Optional.empty());
    }

    @Test
    @DisplayName("outsiders see 404 and students 403 on teachers' actions")
    void teacherActions() throws Exception {
        access.requireTeacher(TEACHER, course).await();
        assertThatThrownBy(() -> access.requireTeacher(STUDENT, course).await())
                .satisfies(e -> assertThat(code(e)).isEqualTo("TEACHERS_ONLY"));
        assertThatThrownBy(() -> access.requireTeacher(OUTSIDER, course).await())
                .satisfies(e -> assertThat(code(e)).isEqualTo("COURSE_NOT_FOUND"));
        assertThat(access.requireLectureTeacher(ADMIN, draft).await().id()).isEqualTo(draft);
        assertThatThrownBy(() -> access.requireLectureTeacher(OUTSIDER, draft).await())
                .satisfies(e -> assertThat(code(e)).isEqualTo("LECTURE_NOT_FOUND"));
        assertThatThrownBy(() -> access.requireLectureTeacher(STUDENT, draft).await())
                .satisfies(e -> assertThat(code(e)).isEqualTo("TEACHERS_ONLY"));
    }

    @Test
    @DisplayName("students watch released lectures only; drafts and future releases look absent")
    void viewing() throws Exception {
        assertThat(access.requireLectureViewer(STUDENT, published).await().id())
                .isEqualTo(published);
        assertThat(access.requireLectureViewer(STUDENT, scheduledPast).await().id())
                .isEqualTo(scheduledPast);
        for (UUID hidden : new UUID[] {draft, scheduledLater}) {
            assertThatThrownBy(() -> access.requireLectureViewer(STUDENT, hidden).await())
                    .satisfies(e -> assertThat(code(e)).isEqualTo("LECTURE_NOT_FOUND"));
            assertThat(access.requireLectureViewer(TEACHER, hidden).await().id()).isEqualTo(hidden);
        }
        assertThatThrownBy(() -> access.requireLectureViewer(OUTSIDER, published).await())
                .satisfies(e -> assertThat(code(e)).isEqualTo("LECTURE_NOT_FOUND"));
    }
}
