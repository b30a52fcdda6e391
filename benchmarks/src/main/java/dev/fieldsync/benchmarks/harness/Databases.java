package dev.fieldsync.benchmarks.harness;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The databases the measurements write to: a file H2 (the service's default) and a fresh PostgreSQL schema. */
public final class Databases {
    /** 127.0.0.1:5432, user postgres, database test (override with FIELDSYNC_BENCH_PG_URL / _USER / _PASSWORD). */
    public static final String PG_URL =
            System.getenv().getOrDefault("FIELDSYNC_BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");

    public static final String PG_USER = System.getenv().getOrDefault("FIELDSYNC_BENCH_PG_USER", "postgres");
    public static final String PG_PASSWORD = System.getenv().getOrDefault("FIELDSYNC_BENCH_PG_PASSWORD", "postgres");

    private Databases() {}

    public static HikariDataSource h2File(Path file, int poolSize) {
        return pool("jdbc:h2:file:" + file.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "", poolSize);
    }

    public static HikariDataSource h2Memory(String name, int poolSize) {
        return pool("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "", poolSize);
    }

    /** Drops and creates {@code schema}, then pools connections whose search path is that schema alone. */
    public static HikariDataSource postgresFreshSchema(String schema, int poolSize) {
        if (!schema.matches("[a-z_][a-z0-9_]{0,40}")) {
            throw new IllegalArgumentException("schema names here are lower-case identifiers, got " + schema);
        }
        try (HikariDataSource admin = pool(PG_URL, PG_USER, PG_PASSWORD, 1);
                Connection c = admin.getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("could not prepare PostgreSQL schema " + schema + " at " + PG_URL, e);
        }
        return postgresSchema(schema, poolSize);
    }

    /** Pools connections to an existing schema. */
    public static HikariDataSource postgresSchema(String schema, int poolSize) {
        String sep = PG_URL.contains("?") ? "&" : "?";
        return pool(
                PG_URL + sep + "currentSchema=" + schema + "&reWriteBatchedInserts=true",
                PG_USER,
                PG_PASSWORD,
                poolSize);
    }

    public static void dropPostgresSchema(String schema) {
        try (HikariDataSource admin = pool(PG_URL, PG_USER, PG_PASSWORD, 1);
                Connection c = admin.getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop schema " + schema, e);
        }
    }

    /** Whether the PostgreSQL server answers (the suite skips PostgreSQL parts when it does not). */
    public static boolean postgresAvailable() {
        try (Connection c = java.sql.DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD)) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static HikariDataSource pool(String url, String user, String password, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setPoolName("bench");
        return new HikariDataSource(config);
    }
}
