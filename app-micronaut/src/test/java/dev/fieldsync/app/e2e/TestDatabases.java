package dev.fieldsync.app.e2e;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/** A fresh database per test class: an H2 file under target/, or a new schema in the local PostgreSQL. */
final class TestDatabases {
    static final String PG_BASE = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String PG_USER = "postgres";

    private TestDatabases() {}

    static Map<String, Object> h2() {
        Path file = Path.of("target", "e2e-h2", "fs-" + UUID.randomUUID()).toAbsolutePath();
        return Map.of(
                "datasources.default.url",
                "jdbc:h2:file:" + file + ";MODE=PostgreSQL;LOCK_TIMEOUT=10000",
                "datasources.default.username",
                "sa",
                "datasources.default.password",
                "");
    }

    /** An integration id of its own, so that database-wide advisory locks are not shared with other runs. */
    static String uniqueIntegration() {
        return "it-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /** A new schema in PostgreSQL; fails (never skips) when PostgreSQL is down. */
    static Map<String, Object> postgres() {
        String schema =
                "fs_app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(PG_BASE, PG_USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL at " + PG_BASE + " is needed for these tests (CI starts it): " + e.getMessage(), e);
        }
        return Map.of(
                "datasources.default.url",
                PG_BASE + "?currentSchema=" + schema,
                "datasources.default.username",
                PG_USER,
                "datasources.default.password",
                "");
    }
}
