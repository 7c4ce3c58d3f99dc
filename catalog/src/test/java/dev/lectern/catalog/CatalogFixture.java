package dev.lectern.catalog;

import dev.lectern.infra.db.Database;
import dev.lectern.testkit.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/** A fresh database with helpers that insert courses, people and lectures directly. */
final class CatalogFixture implements AutoCloseable {
    final Vertx vertx = Vertx.vertx();
    final Pool pool;

    CatalogFixture() throws Exception {
        pool = Database.connect(vertx, TestDatabase.freshDatabase()).await();
    }

    UUID course(String code) throws Exception {
        return pool.preparedQuery("INSERT INTO courses (code, title) VALUES ($1, $2) RETURNING id")
                .execute(Tuple.of(code, "Course " + code))
                .await()
                .iterator()
                .next()
                .getUUID(0);
    }

    void member(UUID course, String user, CourseRole role) throws Exception {
        pool.preparedQuery("INSERT INTO users (id) VALUES ($1) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(user))
                .await();
        pool.preparedQuery("INSERT INTO memberships (course_id, user_id, role) VALUES ($1, $2, $3)")
                .execute(Tuple.of(course, user, role.dbValue()))
                .await();
    }

    UUID lecture(UUID course, String title) throws Exception {
        return pool.preparedQuery(
                        "INSERT INTO lectures (course_id, title) VALUES ($1, $2) RETURNING id")
                .execute(Tuple.of(course, title))
                .await()
                .iterator()
                .next()
                .getUUID(0);
    }

    void sql(String statement, Object... args) throws Exception {
        pool.preparedQuery(statement).execute(Tuple.from(args)).await();
    }

    @Override
    public void close() throws Exception {
        pool.close().await();
        vertx.close().await();
    }
}
