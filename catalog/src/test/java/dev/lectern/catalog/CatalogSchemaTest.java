package dev.lectern.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The catalog's schema")
class CatalogSchemaTest {
    static CatalogFixture db;

    @BeforeAll
    static void setUp() throws Exception {
        db = new CatalogFixture();
    }

    @AfterAll
    static void tearDown() throws Exception {
        db.close();
    }

    @Test
    @DisplayName("enforces lecture statuses, visibility rules and error codes")
    void lectureConstraints() throws Exception {
        UUID lecture = db.lecture(db.course("C1"), "L");
        assertThatThrownBy(
                        () ->
                                db.sql(
                                        "UPDATE lectures SET status = 'dancing' WHERE id = $1",
                                        lecture))
                .hasMessageContaining("check constraint");
        assertThatThrownBy(
                        () ->
                                db.sql(
                                        "UPDATE lectures SET visibility = 'scheduled' WHERE id = $1",
                                        lecture))
                .as("a scheduled lecture needs a release time")
                .hasMessageContaining("check constraint");
        assertThatThrownBy(
                        () ->
                                db.sql(
                                        "UPDATE lectures SET status = 'failed' WHERE id = $1",
                                        lecture))
                .as("a failed lecture needs an error code")
                .hasMessageContaining("check constraint");
    }

    @Test
    @DisplayName("lets a job name only an existing lecture, and deletes it with its lecture")
    void jobsBelongToLectures() throws Exception {
        assertThatThrownBy(
                        () ->
                                db.sql(
                                        "INSERT INTO jobs (kind, lecture_id) VALUES ('transcode', $1)",
                                        UUID.randomUUID()))
                .hasMessageContaining("foreign key");
        UUID lecture = db.lecture(db.course("C2"), "L");
        db.sql("INSERT INTO jobs (kind, lecture_id) VALUES ('transcode', $1)", lecture);
        db.sql("DELETE FROM lectures WHERE id = $1", lecture);
        long left =
                db.pool
                        .preparedQuery("SELECT count(*) FROM jobs WHERE lecture_id = $1")
                        .execute(io.vertx.sqlclient.Tuple.of(lecture))
                        .await()
                        .iterator()
                        .next()
                        .getLong(0);
        assertThat(left).isZero();
    }
}
