package dev.fieldsync.adapters.persistence.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh database for one test class: an H2 file database under target/, or a new schema
 * {@code fs_test_<random>} in the PostgreSQL at 127.0.0.1:5432 (database {@code test}, user {@code postgres}).
 * PostgreSQL is never skipped: if it is down, the test fails.
 */
public final class TestDatabase implements AutoCloseable {
    public static final String PG_BASE = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String PG_USER = "postgres";

    private final String kind;
    private final String url;
    private final String user;
    private final String schema;

    private TestDatabase(String kind, String url, String user, String schema) {
        this.kind = kind;
        this.url = url;
        this.user = user;
        this.schema = schema;
    }

    public static TestDatabase h2() {
        Path file = Path.of("target", "h2", "fs-" + UUID.randomUUID()).toAbsolutePath();
        return new TestDatabase("h2", "jdbc:h2:file:" + file + ";MODE=PostgreSQL;LOCK_TIMEOUT=10000", "sa", null);
    }

    public static TestDatabase postgres() {
        String schema =
                "fs_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(PG_BASE, PG_USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL at " + PG_BASE + " is needed for these tests (CI starts it): " + e.getMessage(), e);
        }
        return new TestDatabase(
                "pg", PG_BASE + "?currentSchema=" + schema + "&reWriteBatchedInserts=true", PG_USER, schema);
    }

    public String kind() {
        return kind;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    /** Micronaut configuration: the default data source on this database, migrated by micronaut-flyway. */
    public Map<String, Object> properties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("datasources.default.url", url);
        properties.put("datasources.default.username", user);
        properties.put("datasources.default.password", "");
        properties.put(
                "datasources.default.driver-class-name", kind.equals("pg") ? "org.postgresql.Driver" : "org.h2.Driver");
        properties.put("datasources.default.maximum-pool-size", 8);
        properties.put("flyway.datasources.default.enabled", true);
        if (schema != null) {
            properties.put("flyway.datasources.default.default-schema", schema);
            properties.put("flyway.datasources.default.schemas", schema);
        }
        return properties;
    }

    @Override
    public void close() {
        if (schema == null) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(PG_BASE, PG_USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test schema " + schema + ": " + e.getMessage(), e);
        }
    }
}
