package dev.lectern.infra.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lectern.infra.config.ConfigException;
import dev.lectern.infra.config.DatabaseConfig;
import dev.lectern.testkit.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PostgreSQL schema and pool")
class DatabaseTest {

    @Test
    @DisplayName("migrations apply once and a second run finds nothing to do")
    void migrateTwice() {
        DatabaseConfig db = TestDatabase.freshDatabase();
        assertThat(Database.migrate(db).migrationsExecuted).isZero();
    }

    @Test
    @DisplayName("the job table keeps one live job per lecture and kind")
    void oneLiveJobPerLecture() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            var pool = Database.connect(vertx, TestDatabase.freshDatabase()).await();
            UUID lecture = UUID.randomUUID();
            pool.preparedQuery("INSERT INTO jobs (kind, lecture_id) VALUES ('transcode', $1)")
                    .execute(Tuple.of(lecture))
                    .await();
            assertThatThrownBy(
                            () ->
                                    pool.preparedQuery(
                                                    "INSERT INTO jobs (kind, lecture_id) VALUES ('transcode', $1)")
                                            .execute(Tuple.of(lecture))
                                            .await())
                    .hasMessageContaining("jobs_one_live_per_lecture");
            pool.close().await();
        } finally {
            vertx.close().await();
        }
    }

    @Test
    @DisplayName("an unreachable server fails with one line naming the setting to fix")
    void unreachable() {
        DatabaseConfig nowhere =
                DatabaseConfig.parse("postgresql://127.0.0.1:1/lectern", "u", "p", 2);
        assertThatThrownBy(() -> Database.migrate(nowhere))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(
                        "PostgreSQL at postgresql://127.0.0.1:1/lectern is not usable")
                .hasMessageContaining("LECTERN_DATABASE_URL")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        Vertx vertx = Vertx.vertx();
        try {
            assertThatThrownBy(() -> Database.connect(vertx, nowhere).await())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("is not reachable");
        } finally {
            vertx.close();
        }
    }
}
