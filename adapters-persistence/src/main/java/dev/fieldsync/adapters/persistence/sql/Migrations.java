package dev.fieldsync.adapters.persistence.sql;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies this module's Flyway migrations ({@code classpath:db/migration}) outside Micronaut. Under Micronaut,
 * micronaut-flyway runs the same scripts at startup ({@code flyway.datasources.default.enabled=true}).
 */
public final class Migrations {
    /** Where the scripts live; the same files run on H2 and PostgreSQL. */
    public static final String LOCATION = "classpath:db/migration";

    private Migrations() {}

    /** Migrates the data source's current schema to the latest version and returns how many scripts ran. */
    public static int apply(DataSource dataSource) {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .load()
                .migrate();
        return result.migrationsExecuted;
    }
}
