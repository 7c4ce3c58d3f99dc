package dev.lectern.app.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.infra.config.DatabaseConfig;
import dev.lectern.infra.db.Database;
import dev.lectern.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Databases made before each module owned its migrations (one folder, V1 to V41, in release 0.1)
 * must upgrade in place: the files moved unchanged, so their checksums still match, and what the
 * new layout adds applies on top. The result must be the schema a new install gets.
 */
@DisplayName("Upgrading a database made by release 0.1's schema")
class SchemaUpgradeTest {

    @Test
    @DisplayName("keeps its rows and ends with exactly the schema of a new install")
    void upgradesInPlace() throws Exception {
        DatabaseConfig old = TestDatabase.emptyDatabase();
        Flyway.configure()
                .dataSource(old.jdbcUrl(), old.user(), old.password())
                .locations("classpath:db/released-0.1")
                .load()
                .migrate();
        try (Connection c = connect(old);
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO courses (code, title) VALUES ('OLD101', 'Kept')");
            s.execute("INSERT INTO lectures (course_id, title) SELECT id, 'Kept too' FROM courses");
            s.execute("INSERT INTO jobs (kind, lecture_id) SELECT 'transcode', id FROM lectures");
        }

        var result = Database.migrate(old);

        assertThat(result.success).isTrue();
        assertThat(result.migrations)
                .as("only what came after release 0.1 runs; its migrations are recognised")
                .extracting(m -> m.version)
                .contains("39")
                .allMatch(v -> v.equals("39") || Double.parseDouble(v) > 41);
        try (Connection c = connect(old);
                Statement s = c.createStatement();
                ResultSet rows =
                        s.executeQuery(
                                "SELECT c.code, l.title, j.kind FROM courses c JOIN lectures l"
                                        + " ON l.course_id = c.id JOIN jobs j ON j.lecture_id = l.id")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1) + "/" + rows.getString(2) + "/" + rows.getString(3))
                    .isEqualTo("OLD101/Kept too/transcode");
        }
        assertThat(fingerprint(old)).isEqualTo(fingerprint(TestDatabase.freshDatabase()));
    }

    private static Connection connect(DatabaseConfig db) throws Exception {
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }

    /** Tables, columns, constraints, indexes and triggers of the public schema, as text. */
    static List<String> fingerprint(DatabaseConfig db) throws Exception {
        List<String> lines = new ArrayList<>();
        String[] queries = {
            "SELECT table_name || '.' || column_name || ' ' || data_type || ' '"
                    + " || is_nullable || ' ' || coalesce(column_default, '')"
                    + " FROM information_schema.columns WHERE table_schema = 'public'"
                    + " AND table_name <> 'flyway_schema_history'",
            "SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)"
                    + " FROM pg_constraint WHERE connamespace = 'public'::regnamespace",
            "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'"
                    + " AND tablename <> 'flyway_schema_history'",
            "SELECT tgrelid::regclass || ' ' || pg_get_triggerdef(oid) FROM pg_trigger"
                    + " WHERE NOT tgisinternal"
        };
        try (Connection c = connect(db);
                Statement s = c.createStatement()) {
            for (String query : queries) {
                try (ResultSet rows = s.executeQuery(query)) {
                    while (rows.next()) {
                        lines.add(rows.getString(1));
                    }
                }
            }
        }
        lines.sort(String::compareTo);
        return lines;
    }
}
