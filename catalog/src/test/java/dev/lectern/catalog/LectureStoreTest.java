package dev.lectern.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.catalog.lecture.Lecture;
import dev.lectern.catalog.lecture.LectureFields;
import dev.lectern.catalog.lecture.LectureStore;
import dev.lectern.catalog.lecture.PgLectureStore;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Lectures in PostgreSQL")
class LectureStoreTest {
    static CatalogFixture db;
    static LectureStore lectures;
    static UUID course;

    @BeforeAll
    static void setUp() throws Exception {
        db = new CatalogFixture();
        lectures = new PgLectureStore(db.pool);
        course = db.course("STORE1");
        db.member(course, "tina", CourseRole.TEACHER);
    }

    @AfterAll
    static void tearDown() throws Exception {
        db.close();
    }

    private static LectureFields titled(String title, String language) {
        return new LectureFields(title, "", "", null, language, "draft", null);
    }

    @Test
    @DisplayName("an update hands the current lecture to the edit and returns what it wrote")
    void updateWrites() {
        Lecture created = lectures.create(course, titled("Optics", null), "tina").await();
        Lecture updated =
                lectures.update(
                                created.id(),
                                current -> {
                                    assertThat(current.fields().title()).isEqualTo("Optics");
                                    return titled("Optics II", "de");
                                })
                        .await()
                        .orElseThrow();
        assertThat(updated.fields().title()).isEqualTo("Optics II");
        assertThat(updated.fields().language()).isEqualTo("de");
        assertThat(updated.status()).isEqualTo(LectureStatus.AWAITING_UPLOAD);
        assertThat(lectures.find(created.id()).await().orElseThrow()).isEqualTo(updated);
    }

    @Test
    @DisplayName("an edit that throws writes nothing")
    void failedEditWritesNothing() {
        Lecture created = lectures.create(course, titled("Acoustics", null), "tina").await();
        assertThatThrownBy(
                        () ->
                                lectures.update(
                                                created.id(),
                                                current -> {
                                                    throw new IllegalStateException("refused");
                                                })
                                        .await())
                .hasMessage("refused");
        assertThat(lectures.find(created.id()).await().orElseThrow()).isEqualTo(created);
    }

    @Test
    @DisplayName("a lecture that does not exist is neither found, updated nor deleted")
    void missing() {
        UUID nobody = UUID.randomUUID();
        assertThat(lectures.find(nobody).await()).isEmpty();
        assertThat(lectures.update(nobody, current -> current.fields()).await()).isEmpty();
        assertThat(lectures.delete(nobody).await()).isFalse();
    }

    @Test
    @DisplayName("a deleted lecture leaves its course's list of lecture ids")
    void delete() {
        Lecture created = lectures.create(course, titled("Gone", null), "tina").await();
        assertThat(lectures.idsInCourse(course).await()).contains(created.id());
        assertThat(lectures.delete(created.id()).await()).isTrue();
        assertThat(lectures.idsInCourse(course).await()).doesNotContain(created.id());
    }
}
