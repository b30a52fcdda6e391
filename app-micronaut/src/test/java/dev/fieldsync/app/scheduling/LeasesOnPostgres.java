package dev.fieldsync.app.scheduling;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.fieldsync.adapters.persistence.wiring.PersistenceAdapters;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A fresh PostgreSQL schema for lease tests, with "instances" that each have a pool of their own (their own
 * connections) and the stores on it; the first one migrates the schema. {@link #close} drops it.
 */
final class LeasesOnPostgres implements AutoCloseable {
    static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";

    /** One clock for every instance, moved by the test only. */
    static final class VirtualClock extends Clock {
        private volatile Instant now = Instant.parse("2026-03-01T08:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final String schema;
    private final List<HikariDataSource> pools = new ArrayList<>();

    LeasesOnPostgres() throws Exception {
        schema = "fs_lease_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(PG, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
    }

    /** The stores of one more instance, on its own pool (closing the pool cuts the instance off the database). */
    Instance instance() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(PG + "?currentSchema=" + schema);
        config.setUsername("postgres");
        config.setPassword("");
        config.setMaximumPoolSize(2);
        config.setConnectionTimeout(1_000);
        HikariDataSource pool = new HikariDataSource(config);
        PersistenceAdapters adapters =
                pools.isEmpty() ? PersistenceAdapters.migrateAndOpen(pool) : PersistenceAdapters.open(pool);
        pools.add(pool);
        return new Instance(pool, adapters);
    }

    record Instance(HikariDataSource pool, PersistenceAdapters adapters) {
        <T> T bean(Class<T> type) {
            return adapters.context().getBean(type);
        }
    }

    @Override
    public void close() throws Exception {
        // The stores' contexts are left to the garbage collector: on this classpath closing one would start the
        // service's shutdown listeners (ServiceLoops), which need a whole service configuration.
        pools.forEach(HikariDataSource::close);
        try (Connection c = DriverManager.getConnection(PG, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
